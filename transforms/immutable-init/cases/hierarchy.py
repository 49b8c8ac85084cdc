class Port(int):
    def __init__(self, value, *, name="port"):
        if not 0 < value < 65536:
            raise ValueError(value)
        self.name = name


class WellKnownPort(Port):
    pass


class HttpPort(Port):
    def __init__(self, value, *, secure=False):
        super().__init__(value, name="https" if secure else "http")
        self.secure = secure


class Token(str):
    pass


class Keyword(Token):
    def __init__(self, value, *, reserved=True):
        self.reserved = reserved
