# pitfix-args: --unsafe-fixes


def split(first, second, swap):
    view = memoryview(first)
    if swap:
        view = memoryview(second)
    return view[:4]


def maybe_view(data, copy):
    view = memoryview(data) if not copy else data
    return view[:4]


def sliced_twice(data):
    view = memoryview(data)
    tail = view[4:]
    return tail[:2]


class Holder:
    def keep(self, data):
        self.parts = [memoryview(data)[i:i + 2] for i in range(0, 8, 2)]
