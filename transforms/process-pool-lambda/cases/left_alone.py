import functools
import multiprocessing.dummy
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
from multiprocessing.pool import ThreadPool


def double(x):
    return x * 2


class Job:
    def run(self, x):
        return x

    @staticmethod
    def static(x):
        return x


def fine(items, pool, factor):
    # Threads do not pickle anything.
    with ThreadPoolExecutor() as ex:
        list(ex.map(lambda x: x * factor, items))
    with ThreadPool() as tp:
        tp.map(lambda x: x * factor, items)
    with multiprocessing.dummy.Pool() as dp:
        dp.map(lambda x: x * factor, items)
    # Module-level functions, methods and partials of them pickle by name.
    with ProcessPoolExecutor() as ex:
        list(ex.map(double, items))
        list(ex.map(Job().run, items))
        list(ex.map(Job.static, items))
        list(ex.map(functools.partial(double), items))
        ex.submit(print, "ready")
    # An unknown `pool` (a parameter) is not known to be a process pool.
    pool.map(lambda x: x, items)
    # Not a pool method.
    with ProcessPoolExecutor() as ex:
        ex.shutdown()
        list(map(lambda x: x, items))


def reassigned(items):
    ex = ProcessPoolExecutor()
    ex = ThreadPoolExecutor()
    return list(ex.map(lambda x: x, items))
