# Nested classes are checked on their own, each in its own scope.
from dataclasses import dataclass, field


class Outer:
    @dataclass
    class Inner:
        items: list = []

    values = []


@dataclass
class Parent:
    @dataclass
    class Child:
        tags: set = set()

    children: list = []


def touch(outer):
    outer.values.append(1)
