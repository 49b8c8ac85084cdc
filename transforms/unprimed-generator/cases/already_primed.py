import functools


def coroutine(func):
    @functools.wraps(func)
    def primer(*args, **kwargs):
        gen = func(*args, **kwargs)
        next(gen)
        return gen
    return primer


@coroutine
def printer():
    while True:
        line = yield
        print(line)


def echo():
    while True:
        line = yield
        print(line)


def main(lines):
    p = printer()
    p.send("primed by its decorator")

    e = echo()
    next(e)
    e.send("primed by next")

    f = echo()
    f.send(None)
    f.send("primed by send(None)")

    g = echo()
    g.__next__()
    g.send("primed by __next__")

    h = echo()
    started = False
    for line in lines:
        if started:
            h.send(line)
        else:
            next(h)
            started = True
