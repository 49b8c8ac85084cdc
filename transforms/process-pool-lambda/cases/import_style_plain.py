import os
import sys
from multiprocessing import Pool


def main(paths):
    # Mostly `import x` at the top: `import functools` is added.
    with Pool() as pool:
        return pool.map(lambda p: os.path.join(sys.prefix, p), paths)


def sizes(paths, root):
    with Pool() as pool:
        return pool.map(lambda p: os.path.getsize(os.path.join(root, p)), paths)
