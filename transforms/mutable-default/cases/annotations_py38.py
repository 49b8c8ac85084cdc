# pitfix-args: --target-version py38
"""Module docstring."""
from __future__ import division

import os


def f(a: list = [], b: "dict[str, int]" = {}):
    a.clear(); b.clear()
    return len(a) + len(b), os.sep
