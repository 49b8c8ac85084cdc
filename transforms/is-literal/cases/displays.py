# Displays and comprehensions build a new object, so `is` against one is never true.
def check(x, items):
    a = x is ()
    b = x is (1, 2)
    c = x is not []
    d = x is [1, 2, 3]
    e = x is {}
    f = x is {"k": 1}
    g = x is not {1, 2}
    h = x is [i for i in items]
    i = x is {i for i in items}
    j = x is {i: i for i in items}
    k = x is [*items]
    return a, b, c, d, e, f, g, h, i, j, k
