# attrs imported inside functions (an optional dependency): `Factory` is reached through those
# imports, never through a new module-level import that would make attrs required.
try:
    from attrs import define as optional_define
except ImportError:
    optional_define = None


def make_point():
    import attr

    @attr.s(auto_attribs=True)
    class Point:
        coords: list = []

    return Point


def make_cart():
    from attrs import define

    @define
    class Cart:
        items: list = []
        counts: dict = {}

    return Cart


if optional_define is not None:

    @optional_define
    class Guarded:
        # attrs is only imported under `try`: reported, not fixed.
        items: list = []
