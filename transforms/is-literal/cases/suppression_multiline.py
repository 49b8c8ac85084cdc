# A comment on the first line of a multi-line statement covers the whole statement.
result = (  # pitfix: ignore
    x is 1
)
result = call(  # noqa: F632
    x is 2,
    y is not 3,
)
result = (
    x is 4  # pitfix: ignore[is-literal]
)
result = (
    x is 5
)  # noqa: F632
result = x is \
    6  # noqa
result = x \
    is 7  # noqa


def f(  # pitfix: ignore
    a=x is 8,
):
    return x is 9
