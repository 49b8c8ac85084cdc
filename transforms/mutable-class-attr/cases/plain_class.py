# pitfix-args: --unsafe-fixes
# Ordinary classes without __init__: a mutable class attribute that the code changes in place is
# one object for every instance. One __init__ is created for all of them, before the first method.
from collections import defaultdict


class Cart:
    items: list = []
    totals = {}
    TAGS = set()
    lines = list()
    groups = defaultdict(list)

    def add(self, item, price):
        self.items.append(item)
        self.totals[item] = price
        self.TAGS.add("used")
        self.lines += [item]
        self.groups[price].append(item)


def fill(cart: Cart):
    # Changed from outside, through an instance: the same trap.
    cart.pending.extend([1, 2])


class Order:
    pending = []


class Admin(object):
    # A base class of another module changes nothing: the list is still shared.
    list_display = ["title"]

    def show(self, column):
        self.list_display.append(column)


Cart(), Order(), Admin()
