# Found by fuzzing: the trailing comma of a parenthesised import stands at the start of the
# closing line; `field` goes right after it instead of on a line of its own.
def make_point_class():
    from dataclasses import (
        dataclass
,    )

    @dataclass
    class Point:
        coords: list = []

    return Point
