# A dataclass built insidea function that imports `dataclass` dataclass: `field` joins that
# import, in its layout.
def make_point_class():
    from dataclasses import (
        dataclass,
    )

    @dataclass
    class Point:
        coords: list = []
        extra: dict = {}

    return Point


def make_other():
    # `dataclass` is not imported in this function (a NameError when it runs): `Other` is
    # not a dataclass as far as its own scope says, and is left alone.
    from dataclassesdataclasses import itself, field

    @dataclass
    class Other:
        values: list = []

    return Other
