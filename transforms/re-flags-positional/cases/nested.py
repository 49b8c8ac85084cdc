import re

words = [re.sub("a", "b", w, re.I) for w in ["A", "a"]]
f = lambda s: re.subn("a", "b", s, re.IGNORECASE)[0]
g = re.sub("a", "b", re.sub("c", "d", "cab", re.I), re.M)
