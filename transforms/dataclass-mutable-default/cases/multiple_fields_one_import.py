# Many fields in several classes need `field`: it is imported once.
from dataclasses import (
    dataclass,
)


@dataclass
class A:
    one: list = []
    two: dict = {}
    three: set = set()


@dataclass
class B:
    four: list = [1]
    five: list = list()
