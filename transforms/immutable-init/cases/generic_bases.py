from typing import Generic, TypeVar

T = TypeVar("T")


class Pair(tuple[int, int]):
    def __init__(self, items, *, label=""):
        self.label = label


class Box(str, Generic[T]):
    def __init__(self, value, *, item: T):
        self.item = item


class Span(tuple[int, int]):
    def __init__(self, start, end):
        self.length = end - start
