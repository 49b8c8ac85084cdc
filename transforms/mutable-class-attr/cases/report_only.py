# pitfix-args: --unsafe-fixes
# Reported without a fix: the move would not keep the class working, or the shape is not one
# the fix handles.
from somewhere import Base, pretend
import attr
from django.db import models


class Slotted:
    __slots__ = ("name",)
    items = []

    def add(self, item):
        self.items.append(item)


class Derived(Base):
    # No __init__ and a base other than object: the base's __init__ takes arguments we cannot know.
    items = []

    def add(self, item):
        self.items.append(item)


class Parent:
    members = []

    def join(self, who):
        self.members.append(who)


class Child(Parent):
    # Overrides __init__ without calling the base's: `self.members` would not exist.
    def __init__(self, size):
        self.size = size


class Overridden:
    tags = []

    def tag(self, t):
        self.tags.append(t)


class Sub(Overridden):
    # Binds the name in its body: an instance attribute set in the base's __init__ would hide it.
    tags = ["default"]


@attr.s
class AttrsClass:
    # Not a field (no attr.ib): a class attribute of an attrs class.
    log: list = []

    def record(self, x):
        self.log.append(x)


class Multiline:
    rows = [
        1,
        2,
    ]

    def add(self, x):
        self.rows.append(x)


class ReadsClassName:
    DEFAULT = 1
    values = [DEFAULT]

    def add(self, x):
        self.values.append(x)


class TwoTargets:
    a = b = []

    def add(self, x):
        self.a.append(x)


class Constructed:
    items = []

    def __new__(cls, *args):
        return super().__new__(cls)

    def add(self, x):
        self.items.append(x)


class Article(models.Model):
    changes = []

    def touch(self):
        self.changes.append(1)


class SameLine:
    items = []; other = 1

    def add(self, x):
        self.items.append(x)


class Metaclassed(metaclass=pretend):
    items = []

    def add(self, x):
        self.items.append(x)


Slotted(), Derived(), Parent(), Child(1), Overridden(), Sub(), AttrsClass(), Multiline(), ReadsClassName()
TwoTargets(), Constructed(), Article(), SameLine(), Metaclassed()
