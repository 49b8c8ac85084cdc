# Signed numbers are literals too; the sign stays where it is.
if x is -1:
    pass
if x is not -5:
    pass
if x is +1:
    pass
if x is ~0:
    pass
if x is -1.5 or x is -2j:
    pass
if x is - 1:
    pass
if x is-1:
    pass
if x is not-1:
    pass
if x is (-1):
    pass
if x is -(1):
    pass
