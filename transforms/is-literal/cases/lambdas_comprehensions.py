is_zero = lambda v: v is 0
non_empty = [v for v in values if v is not ""]
empties = {k: v for k, v in mapping.items() if v is ()}
has_three = any(v is 3 for v in values)
nested = [[w for w in row if w is -1] for row in grid if row is not []]
pick = sorted(values, key=lambda v: (v is "first", v))
defaulted = lambda v=x is 1: v


def with_default(flag=x is "on", *, other=lambda: y is not 2):
    return flag


@decorate(mode is "fast")
class Config:
    enabled = level is 3
