class Port(int):
    def __init__(self, text, *, name="port"):
        number = int(text.strip())
        super().__init__(number)
        self.name = name


class Label(str):
    def __init__(self, value, *, lang="en"):
        self.lang = lang
        super(Label, self).__init__(value.strip())


class Word(str):
    def __init__(self, value, *, count=1):
        str.__init__(self, value.lower())
        self.count = count


class Span(tuple):
    def __init__(self, start, end, *, closed=True):
        super().__init__(
            (start, end)  # the bounds
        )
        self.closed = closed


class Small(int):
    def __init__(self, value, *, strict=False):
        if strict and value > 9:
            raise ValueError(value)
        super().__init__(value)
