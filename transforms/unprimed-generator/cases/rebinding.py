def echo():
    while True:
        got = yield
        print(got)


def numbers():
    yield 1


def main():
    g = numbers()
    next(g)
    g = echo()
    g.send("the second generator")

    h = echo()
    next(h)
    h = echo()
    h.send("a new one, not primed")
