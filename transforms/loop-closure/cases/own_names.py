def own_names(items, out):
    for item in items:
        # Parameters and locals of the closure are its own.
        out.append(lambda item: item)
        out.append(lambda: [item for item in range(3)])
        out.append(lambda: (item := 1))

        def local():
            item = 2
            return item

        def uses_global():
            global item
            return item

        out.extend([local, uses_global])


def read_through_nested(items, out):
    for item in items:
        # A nested lambda reading the loop variable makes the outer one read it too.
        out.append(lambda: (lambda: item)())

        def outer():
            def inner():
                return item

            return inner

        out.append(outer)


def defaults_are_evaluated_now(items, out):
    for item in items:
        out.append(lambda value=item: value)

        def show(value=item):
            return value

        out.append(show)
