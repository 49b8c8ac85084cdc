class Percent(float):
    def __init__(self, value, *, precision=2):
        if not 0 <= value <= 100:
            raise ValueError(f"not a percentage: {value}")
        if precision < 0:
            raise ValueError("precision must not be negative")


class Identifier(str):
    def __init__(self, value, *, strict=True):
        if strict and not value.isidentifier():
            raise ValueError(f"not an identifier: {value!r}")
