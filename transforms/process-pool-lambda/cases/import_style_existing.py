import functools as ft
from functools import reduce
from multiprocessing import Pool


def main(paths, root):
    # `functools` is already imported as `ft`.
    with Pool() as pool:
        return pool.map(lambda p: root + p, paths), reduce


def shadowed(paths, root, ft):
    # `ft` is a parameter here: `partial` is added to `from functools import reduce`.
    with Pool() as pool:
        return pool.map(lambda p: root + p, paths)
