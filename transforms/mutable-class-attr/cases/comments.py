# pitfix-args: --unsafe-fixes
# Comments around the attribute, a class whose only statement it is, no final newline.
class Cart:
    # The items added so far.
    items = []  # shared!
    # Totals per item.
    totals = {}

    def add(self, item):
        self.items.append(item)
        self.totals[item] = 1


class Bare:
    entries: list = []


def use(b: Bare):
    b.entries.append(1)


class Last:
    data: dict = {}


def put(x: Last):
    x.data["k"] = 1
    return x


class Documented:
    """Between blank lines: one of them goes with it."""

    log = []

    def add(self, x):
        self.log.append(x)


Cart(), Bare(), Last(), Documented()


class End:
    queue = []

def drain(e: End):
    e.queue.append(1)
    return End()