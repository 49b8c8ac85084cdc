#!/usr/bin/env python3
# -*- coding: utf-8 -*-
from concurrent.futures import ProcessPoolExecutor
import os
import sys


def main(paths, root):
    with ProcessPoolExecutor() as ex:
        # The body spans lines inside the call: it gets parentheses of its own.
        sizes = ex.map(lambda p: os.path.getsize(  # size on disk
            os.path.join(root, p)), paths)
        names = ex.map(lambda p: (p.upper()  # already in one pair
                                  + "!"), paths)
        joined = ex.map(lambda p: p +
                        root, paths)
        return list(sizes), list(names), list(joined)


# This comment describes `run`, and stays on top of it.
def run(paths):
    with ProcessPoolExecutor() as ex:
        return list(ex.map(lambda p: p.strip(), paths))  # trailing comment stays


with ProcessPoolExecutor() as ex:
    print(list(ex.map(lambda a: a, sys.argv)))
