# A comprehension that is a statement of its own is dropped at once: its lambdas are never called. Kept ones are still reported.
def dropped():
    [lambda: x for x in range(3)]
    (lambda: y for y in range(3))


def kept():
    return [lambda: x for x in range(3)]
