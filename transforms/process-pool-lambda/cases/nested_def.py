from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def run(data):
    def work(x):
        """Doubles x."""
        # A comment inside the moved function.
        text = """
    kept as written
"""
        return x * 2, text

    with Pool(4) as pool:
        return pool.map(work, data)


def reads_local(data, factor):
    def work(x):
        return x * factor

    with Pool() as pool:
        return pool.map(work, data)


def recursive(data):
    def fact(n):
        return 1 if n < 2 else n * fact(n - 1)

    with ProcessPoolExecutor() as ex:
        return list(ex.map(fact, data))


def decorated(data):
    @staticmethod
    def work(x):
        return x

    with ProcessPoolExecutor() as ex:
        return list(ex.map(work, data))


def used_elsewhere(data):
    def work(x):
        return x

    print(work(1))
    with ProcessPoolExecutor() as ex:
        return list(ex.map(work, data))


def asynchronous(data):
    async def work(x):
        return x

    with ProcessPoolExecutor() as ex:
        return list(ex.map(work, data))


def submitted_twice(data):
    def square(x):
        return x * x

    with ProcessPoolExecutor() as ex:
        first = ex.submit(square, data[0])
        rest = ex.map(square, data[1:])
        return first.result(), list(rest)
