import re

x = re.sub("a", "b", "abc", re.I)
y = re.split(
    ",", "a,b", re.M
)
