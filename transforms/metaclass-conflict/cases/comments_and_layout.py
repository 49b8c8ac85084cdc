import dataclasses
from abc import ABC
from enum import Enum


class Meta(type):
    pass


@dataclasses.dataclass(frozen=True)
class A(metaclass=Meta):
    def __init_subclass__(cls, flag=False):
        cls.flag = flag


# A comment describing C stays on top of it.
# Two lines of it.
@dataclasses.dataclass(frozen=True)
class C(
    A,  # the first base
    # between the bases
    ABC,  # the second base
):
    pass


class Parenthesized(A, (ABC)):
    pass


class WithKeyword(A, ABC, flag=True):
    pass


class Trailing(A, ABC,):
    pass
