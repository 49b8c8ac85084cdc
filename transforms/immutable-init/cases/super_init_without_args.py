class Name(str):
    def __init__(self, value, *, kind="person"):
        super().__init__()
        self.kind = kind


class Amount(float):
    def __init__(self, value, *, currency="EUR"):
        if value < 0:
            raise ValueError(value)
        super().__init__()  # nothing to pass
        self.currency = currency


class Empty(int):
    def __init__(self, value, *, unit=None):
        object.__init__(self)


class Quiet(str):
    def __init__(self, *args, **kwargs):
        super().__init__(**kwargs)
        self.quiet = True
