import functools
import re
from functools import reduce


def consumed(rows, pattern, text):
    totals = []
    for i in range(3):
        (lambda: i)()
        rows.sort(key=lambda r: r[i])
        best = max(rows, key=lambda r: r[i])
        worst = min(rows, key=lambda r: -r[i])
        first = sorted(rows, key=lambda r: r[i])[0]
        evens = list(filter(lambda r: r[i] % 2 == 0, rows))
        doubled = tuple(map(lambda r: r[i] * 2, rows))
        distinct = set(map(lambda r: r[i], rows))
        index = dict(map(lambda r: (r[i], r), rows))
        flags = any(map(lambda r: r[i] > 0, rows))
        every = all(r[i] for r in rows)
        total = sum(map(lambda r: r[i], rows))
        product = functools.reduce(lambda a, b: a * b[i], rows, 1)
        product2 = reduce(lambda a, b: a + b[i], rows, 0)
        replaced = re.sub(pattern, lambda m: m.group(0) * i, text)
        joined = ", ".join(map(lambda r: str(r[i]), rows))
        for r in filter(lambda r: r[i], rows):
            totals.append(r)
        squares = {k: v for k, v in map(lambda r: (r[i], r), rows)}
        if (lambda: i > 1)():
            break
        totals.append((best, worst, first, evens, doubled, distinct, index, flags, every, total, product, product2, replaced, joined, squares))
    return totals


def returned(options):
    for option in options:
        if option.enabled:
            return lambda: option.value
    return None


def raised(options):
    for option in options:
        raise ValueError(lambda: option)
