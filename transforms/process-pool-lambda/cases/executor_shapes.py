import concurrent.futures
import concurrent.futures as cf
from concurrent.futures import ProcessPoolExecutor


def direct(items):
    # A pool made in the call itself.
    return list(ProcessPoolExecutor().map(lambda item: item.upper(), items))


def bound(items, suffix):
    executor = ProcessPoolExecutor(max_workers=2)
    future = executor.submit(lambda: [i + suffix for i in items])
    return future.result()


def with_block(paths, mode):
    with concurrent.futures.ProcessPoolExecutor() as pool:
        return list(pool.map(lambda p: open(p, mode).read(), paths))


def keyword_fn(values):
    with cf.ProcessPoolExecutor() as pool:
        return list(pool.map(fn=lambda v: -v, *[values]))


def aliased(values):
    with ProcessPoolExecutor() as pool:
        runner = pool
        return [runner.submit(lambda: v * 2).result() for v in values]
