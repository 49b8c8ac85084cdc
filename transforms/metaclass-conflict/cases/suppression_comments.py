from abc import ABC
from enum import Enum


class Kind(ABC, Enum):  # pitfix: ignore[metaclass-conflict]
    A = 1


class Other(ABC, Enum):  # noqa
    B = 2
