# pitfix-args: --unsafe-fixes
# CRLF line endings are kept, new lines included.
class Cart:
    items = []

    def add(self, item):
        self.items.append(item)


class Shop:
    orders: dict = {}

    def __init__(self):
        """Docstring."""
        super().__init__()

    def order(self, key, value):
        self.orders[key] = value


Cart(), Shop()
