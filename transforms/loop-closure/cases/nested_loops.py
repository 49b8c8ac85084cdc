def grid(rows, cols):
    cells = []
    for r in rows:
        for c in cols:
            cells.append(lambda: (r, c))
    return cells


def inner_only(rows, cols):
    cells = []
    for r in rows:
        for c in cols:
            cells.append(lambda: c)
            break
    return cells


def outer_only(rows, cols):
    cells = []
    for r in rows:
        for c in cols:
            pass
        cells.append(lambda: (r, c))
    return cells


def inner_breaks(rows, cols):
    cells = []
    for r in rows:
        while True:
            cells.append(lambda: r)
            break
    return cells


def shadowed_by_inner_loop(rows):
    cells = []
    for r in rows:
        for r in r.children:
            cells.append(lambda: r)
    return cells
