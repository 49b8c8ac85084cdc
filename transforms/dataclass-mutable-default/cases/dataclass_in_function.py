# A dataclass built inside a function that imports `dataclass` itself: `field` joins that
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
    from dataclasses import dataclass, field

    @dataclass
    class Other:
        values: list = []

    return Other
