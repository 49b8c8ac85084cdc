import functools
from typing import NamedTuple


class Slotted:
    __slots__ = ("path",)

    @property
    @functools.cache
    def rows(self):
        return []


class Point(NamedTuple):
    x: int

    @property
    @functools.cache
    def norm(self):
        return abs(self.x)


class Guarded:
    def __setattr__(self, name, value):
        raise AttributeError(name)

    @property
    @functools.cache
    def rows(self):
        return []
