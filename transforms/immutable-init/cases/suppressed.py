class Port(int):
    def __init__(self, value, *, name="port"):  # pitfix: ignore[immutable-init]
        self.name = name


class Tag(str):
    def __init__(self, value, *, color=""):  # pitfix: ignore
        self.color = color


class Other(str):
    def __init__(self, value, *, color=""):  # pitfix: ignore[mutable-default]
        self.color = color


class Flagged(str):
    def __init__(self, value, *, color=""):  # noqa
        self.color = color
