import re

x = re.sub(
    "a",  # pattern
    "b",
    "abc",
    # the flags:
    re.I  # case
    | re.M,  # lines
)
y = re.split(",", "a,b", (re.I))
