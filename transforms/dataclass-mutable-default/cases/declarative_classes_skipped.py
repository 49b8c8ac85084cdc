# NamedTuple, TypedDict, Protocol and Enum bodies are declarations, not instance defaults.
import enum
from typing import NamedTuple, Protocol, TypedDict


class Row(NamedTuple):
    cells: list = []


class Options(TypedDict, total=False):
    paths: list


class Sized(Protocol):
    sizes: list = []


class Described(enum.Enum):
    def describe(self):
        return self.name.lower()


# An Enum through a base of this module: its members are still members.
class Shade(Described):
    LIGHT = [1, 2]
    DARK = {"a": 1}
