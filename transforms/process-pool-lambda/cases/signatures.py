from concurrent.futures import ProcessPoolExecutor


def shapes(rows, k):
    with ProcessPoolExecutor() as ex:
        ex.submit(lambda: k)
        ex.submit(lambda a, /, b: a + b + k, 1, 2)
        ex.submit(lambda a, *rest: a + k, 1)
        ex.submit(lambda a, *, b=1: a + b + k, 1)
        ex.submit(lambda **kw: (kw, k))
        ex.submit(lambda a, **kw: (a, kw, k), 1)
        ex.submit(lambda a=1: a + k)
        ex.submit(lambda: (yield k))
        ex.submit(lambda x: x if x else k, 0)
