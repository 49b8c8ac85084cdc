def producers(names):
    for name in names:
        yield lambda: name


def in_pairs(names):
    for name in names:
        yield name, lambda: name.upper()


def delegated(names):
    for name in names:
        yield from [lambda: name]
