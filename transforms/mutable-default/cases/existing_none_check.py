def f(path=None, extra=[]):
    """Doc."""
    if path is None:
        path = "default"
    extra.append(path)
    return len(extra)


def g(items=[], fallback=None):
    global COUNTER
    if fallback is None:
        fallback = 0
    items.clear()
    return len(items) + fallback


COUNTER = 0
