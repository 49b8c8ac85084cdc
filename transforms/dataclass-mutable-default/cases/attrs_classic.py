# `import attr`: `attr.ib(default=[])` → `attr.ib(factory=list)`; a bare default in an
# auto_attribs class → `attr.Factory(list)`.
import attr


@attr.s
class Classic:
    items = attr.ib(default=[])
    first = attr.ib([])
    named = attr.ib(default={}, repr=False)
    both = attr.ib([], repr=False)
    # With auto_attribs off, an annotated attribute without attr.ib() is not a field: plain
    # class attribute, reported without a fix.
    shared: list = []


@attr.s(auto_attribs=True)
class Auto:
    items: list = []
    pairs: dict = {"a": 1}


@attr.define
class Defined:
    items: list = []
    tags: set = attr.field(default=set())


@attr.frozen
class Frozen:
    items: list = []


@attr.attrs(frozen=True, auto_attribs=True)
class Spelled:
    items: list = []


def touch(obj):
    obj.shared.append(1)
    obj.annotated.append(1)
