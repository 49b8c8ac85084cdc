def a(x=[]):  # noqa: B006
    return x


def b(x=[]):  # pitfix: ignore[mutable-default]
    return x


def c(
    x=[],  # pitfix: ignore
    y={},
):
    return x, y
