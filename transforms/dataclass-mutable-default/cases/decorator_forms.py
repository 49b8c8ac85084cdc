# Every form of the stdlib decorator: bare, called, with arguments, aliased.
from dataclasses import dataclass
from dataclasses import dataclass as dc


@dataclass
class Bare:
    items: list = []


@dataclass()
class Called:
    items: list = []


@dataclass(frozen=True, slots=True)
class Frozen:
    # Frozen only stops reassignment: the list would still be shared (and is rejected).
    items: list[str] = []


@dc(eq=False)
class Aliased:
    tags: dict[str, int] = {}


class NotADataclass:
    """Not decorated: `items` is a plain class attribute (reported, not fixed)."""

    items: list = []

    def add(self, item):
        self.items.append(item)
