# A default that is an instance of a descriptor class of the module (it defines `__get__`/`__set__`) is left alone; a plain class's instance is still reported.
from dataclasses import dataclass


class Conv:
    def __init__(self, *, default):
        self._default = default

    def __set_name__(self, owner, name):
        self._name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self._default
        return getattr(obj, self._name, self._default)

    def __set__(self, obj, value):
        setattr(obj, self._name, int(value))


class Setter:
    def __set__(self, obj, value):
        obj.__dict__["seen"] = value


class Box:
    def __init__(self, default):
        self.default = default


@dataclass
class InventoryItem:
    qty: Conv = Conv(default=100)
    other: Setter = Setter()
    box: Box = Box(default=1)
