# Without --unsafe-fixes the finding is reported and nothing changes: the fix is unsafe because
# code in other files may read `Cart.items` or subclass the class.
class Cart:
    items = []

    def add(self, item):
        self.items.append(item)


Cart()
