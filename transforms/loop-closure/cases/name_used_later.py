def last_one(items):
    for item in items:
        handler = lambda: item
    return handler


def used_in_same_iteration(items):
    for item in items:
        handler = lambda: item
        handler()
        print(handler())


def previous_iteration(items):
    previous = None
    for item in items:
        if previous is not None:
            previous()
        previous = lambda: item


def handed_on(items, out):
    for item in items:
        first = lambda: item
        second = first
        out.append(second)


def read_by_another_function(items):
    for item in items:
        current = lambda: item

    def later():
        return current()

    return later


def walrus(items, out):
    for item in items:
        if (f := lambda: item) is not None:
            out.append(f)
