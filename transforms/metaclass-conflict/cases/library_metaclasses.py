import abc
import enum
from abc import ABC
from enum import Enum


class Plugin(ABC, Enum):
    FIRST = 1


class Mode(abc.ABC, enum.IntEnum):
    ON = 1


class Meta(type):
    pass


class Tagged(metaclass=Meta):
    pass


class Shape(Tagged, abc.ABC):
    pass


class Fine(ABC, metaclass=abc.ABCMeta):
    pass


class AlsoFine(str, Enum):
    A = "a"
