def returns(items):
    for item in items:
        handler = lambda: item
        return handler


def raises(items):
    for item in items:
        error = RuntimeError(lambda: item)
        errors.append(lambda: item)
        raise error


def breaks(items, out):
    for item in items:
        if item:
            out.append(lambda: item)
            break


def breaks_inner_loop_only(items, out):
    for item in items:
        for _ in range(2):
            out.append(lambda: item)
            break


def continues(items, out):
    for item in items:
        out.append(lambda: item)
        continue
