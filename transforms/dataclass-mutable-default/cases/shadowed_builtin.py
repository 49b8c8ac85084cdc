# A field named `list` shadows the builtin in the class body: `lambda: []` is used instead.
from dataclasses import dataclass, field


@dataclass
class Listing:
    list: int = 0
    items: "list[int]" = []
    mapping: dict = {}
