class Count(int):
    def __init__(self, value, *, unit="items"):
        self.unit = unit


class Ratio(float):
    def __init__(self, value, label=None):
        if not 0 <= value <= 1:
            raise ValueError(value)
        self.label = label


class Signal(complex):
    def __init__(self, real, imag, *, hz=50):
        self.hz = hz


class Tag(str):
    def __init__(self, value, *, color="grey"):
        self.color = color


class Blob(bytes):
    def __init__(self, data, *, mime="application/octet-stream"):
        self.mime = mime


class Row(tuple):
    def __init__(self, cells, *, header=False):
        self.header = header


class Flags(frozenset):
    def __init__(self, items, *, strict=True):
        self.strict = strict
