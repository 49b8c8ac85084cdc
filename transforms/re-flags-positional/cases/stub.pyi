import re

x = re.sub("a", "b", "abc", re.I)
