import multiprocessing
import multiprocessing as mp
from multiprocessing.pool import Pool


def every_method(rows, weight):
    with multiprocessing.Pool() as pool:
        pool.imap(lambda r: r * weight, rows)
        pool.imap_unordered(lambda r: r * weight, rows)
        pool.starmap(lambda a, b: a + b + weight, rows)
        pool.apply(lambda: weight)
        pool.apply_async(lambda *args: sum(args) + weight, (1, 2))
        pool.map_async(lambda r, **kw: (r, kw, weight), rows)


def contexts(rows):
    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        return pool.map(lambda r: r + 1, rows)


def direct_context(rows):
    return mp.get_context("forkserver").Pool().map(lambda r: r - 1, rows)


def pool_module(rows, step):
    pool = Pool(processes=2)
    try:
        return pool.map(lambda r, start=0: r + start + step, rows)
    finally:
        pool.close()
