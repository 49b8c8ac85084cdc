def assigned_before(rows, out):
    for row in rows:
        label = row.title()
        size = len(row)
        out.append(lambda: (label, size))


def assigned_after(rows, out):
    total = 0
    for row in rows:
        out.append(lambda: total)
        total = row


def every_branch(rows, out):
    for row in rows:
        if row:
            label = "full"
        elif row is None:
            continue
        else:
            label = "empty"
        out.append(lambda: label)


def some_paths(rows, out):
    for row in rows:
        if row:
            label = row
        out.append(lambda: label)


def try_except(rows, out):
    for row in rows:
        try:
            value = int(row)
        except ValueError:
            continue
        out.append(lambda: value)


def with_and_except(paths, out):
    for path in paths:
        with open(path) as handle:
            out.append(lambda: handle.read())
        try:
            pass
        except OSError as error:
            out.append(lambda: error)
