# `__init__` means to change the value (it rebinds a parameter the type receives, passes another value to the base `__init__`, or has a default the type never gets): reported, fixed in `__new__`.
class Stripped(str):
    def __init__(self, value):
        value = value.strip()
        self.length = len(value)


class Lowered(str):
    def __init__(self, value):
        super().__init__(value.lower())


class Forwarded(str):
    def __init__(self, value):
        super().__init__(value)
        self.kept = True


class Defaulted(str):
    def __init__(self, value=None):
        if value is None:
            value = "unknown"
        self.given = value != "unknown"


class Sorted(tuple):
    def __init__(self, items=()):
        items = sorted(items)
        self.count = len(items)


class Base16(int):
    def __init__(self, text, base=16):
        self.text = text
