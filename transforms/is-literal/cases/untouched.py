# Nothing here is an identity check against a literal: this file must produce no findings.
def f(x, y, obj):
    a = x is None
    b = x is not None
    c = x is True
    d = x is False
    e = x is ...
    g = x is Ellipsis
    h = x is NotImplemented
    i = x is y
    j = x is not y
    k = x is obj.attr
    m = x is f(1)
    n = x is -y
    o = x is type(y)
    p = x is (y for y in obj)
    q = x in [1, 2]
    r = x == 1
    s = x != "a"
    t = "x is 1" + 'y is not "a"'
    u = b"is 1"
    v = f"{x} is 1"
    # x is 1, in a comment
    w = isinstance(x, int) is True
    z = None is x
    return a, b, c, d, e, g, h, i, j, k, m, n, o, p, q, r, s, t, u, v, w, z
