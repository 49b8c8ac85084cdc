# An instance of a plain class that holds no state (a marker, a comparison probe) shared as a
# default behaves like a new one each time: left alone. A class that stores attributes is not.
from dataclasses import dataclass

import attr


class NonComparable:
    def __eq__(self, other):
        raise ValueError


class Unhashable:
    pass


class Bag:
    def __init__(self):
        self.items = []


@attr.s(auto_attribs=True)
class Probe:
    x: object = NonComparable()
    y = attr.ib(default=Unhashable())


@dataclass
class Holder:
    bag: Bag = Bag()
