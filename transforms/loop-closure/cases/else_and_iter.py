def else_clause(items, out):
    for item in items:
        pass
    else:
        out.append(lambda: item)


def in_iterable(items, out):
    for item in map(lambda x: x * 2, items):
        out.append(item)


def while_else(q, out):
    while q:
        job = q.pop()
    else:
        out.append(lambda: job)
