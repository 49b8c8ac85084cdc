"""The article's trap: a lambda handed to a process pool."""
from multiprocessing import Pool
from concurrent.futures import ProcessPoolExecutor

# TRAP: PicklingError — lambdas can't be serialized
with Pool() as p:
    result = p.map(lambda x: x * 2, range(10))


def scale_all(values, factor):
    offset = len(values)
    with ProcessPoolExecutor() as executor:
        futures = [executor.submit(lambda v: v * factor + offset, v) for v in values]
        return [f.result() for f in futures]


def run(data):
    def work(x):
        return x + 1

    with Pool(4) as pool:
        return pool.map(work, data)
