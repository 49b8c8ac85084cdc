# `from attrs import ...`: `Factory` is added to that import.
from attrs import define, field, frozen, mutable


@define
class Cart:
    items: list = []
    counts: dict[str, int] = field(default={}, repr=False)


@frozen
class Point:
    tags: list[str] = ["origin"]


@mutable
class Pad:
    lines: list = list()


@define
class Guessing:
    # An unannotated field() turns auto_attribs off: `annotated` is a class attribute.
    plain = field(default=[])
    annotated: list = []


def touch(obj):
    obj.annotated.append(1)
