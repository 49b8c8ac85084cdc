from abc import ABC
from enum import Enum


class MetaA(type):
    pass


class MetaA2(MetaA):
    pass


class A(metaclass=MetaA):
    pass


class A2(metaclass=MetaA2):
    pass


class C(A, A2, ABC, Enum):
    X = 1


class D(A, A2):
    """MetaA2 derives from MetaA: fine."""
