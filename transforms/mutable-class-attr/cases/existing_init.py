# pitfix-args: --unsafe-fixes
# An existing __init__: the new line goes at its top, after the docstring and after a leading
# super().__init__(...) call; a trailing comment moves with the value; an annotation stays as
# the instance attribute's declaration.
from somewhere import Base


class Cart(Base):
    """A shopping cart."""

    items: list[str] = []  # what was added
    seen = set()

    def __init__(this, owner):
        """Make an empty cart."""
        super().__init__(owner)
        this.owner = owner

    def add(self, item):
        self.items.append(item)
        self.seen.add(item)


class Queue:
    jobs = []

    def __init__(self, *, name):
        # Comments before the first statement stay with it.
        self.name = name

    def push(self, job):
        self.jobs.append(job)


class Compact:
    stack = []
    def __init__(self): self.depth = 0
    def push(self, x): self.stack.append(x)


Cart("me"), Queue(name="q"), Compact()
