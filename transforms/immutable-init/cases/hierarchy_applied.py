# pitfix-args: --unsafe-fixes
class Port(int):
    def __init__(self, value, *, name="port"):
        if not 0 < value < 65536:
            raise ValueError(value)
        self.name = name


class HttpPort(Port):
    def __init__(self, value, *, secure=False):
        super().__init__(value, name="https" if secure else "http")
        self.secure = secure


class Mixin:
    def describe(self):
        return repr(self)


class Described(Mixin, str):
    def __init__(self, value, *, note=""):
        self.note = note
