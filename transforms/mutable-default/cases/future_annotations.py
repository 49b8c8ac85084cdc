# pitfix-args: --target-version py38
from __future__ import annotations


def f(a: list[int] = []):
    a.append(1)
    return len(a)
