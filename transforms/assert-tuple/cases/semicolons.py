def check(x):
    y = x; assert (x, "after a semicolon"); z = y
    if x: assert (x, "after a colon")
    return z
