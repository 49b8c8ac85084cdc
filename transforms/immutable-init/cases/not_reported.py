import enum
from typing import NamedTuple


class Color(str, enum.Enum):
    RED = "r"

    def __init__(self, value):
        self.label = value.upper()


class Level(enum.IntEnum):
    LOW = 1

    def __init__(self, value):
        self.doubled = value * 2


class Pair(NamedTuple):
    left: int
    right: int


class HasNew(int):
    def __new__(cls, value, *, name=""):
        return super().__new__(cls, value)

    def __init__(self, value, *, name=""):
        self.name = name


class ChildOfHasNew(HasNew):
    def __init__(self, value, *, name="", extra=None):
        self.extra = extra


class NoArguments(int):
    def __init__(self):
        self.created = True


class Guard(int):
    def __init__(self, *args, **kwargs):
        raise TypeError("__init__ must not be called")


class NotImmutable(list):
    def __init__(self, items, *, name=""):
        super().__init__(items)
        self.name = name


class Unknown(SomeBase):
    def __init__(self, value, *, name=""):
        self.name = name


class Async(int):
    async def __init__(self, value, *, name=""):
        self.name = name


def list(): pass


class Shadowed(list):
    def __init__(self, value, *, name=""):
        self.name = name
