# `is not` written with something other than spaces between the two words.
a = (x is  # why not
     not 1)
b = (x is
     not 2)
c = x is \
    not 3
d = x is  not 4
e = (x is  # first
     # a line of its own
     not  # second
     "five")
