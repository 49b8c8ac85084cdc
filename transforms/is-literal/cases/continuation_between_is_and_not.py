# A backslash continuation between `is` and `not` keeps its line break; `not` goes without leaving blanks.
if 123 is \
not y:
    pass
z = 123 is \
    not \
    y
w = (123 is
     not
     y)
v = ("abc" is
     not  # why
     y)
