# Shapes from real projects that work as written and must be left alone: the value reaches the type's `__new__` unchanged and `__init__` only sets attributes or calls methods.
class Token(tuple):
    def __init__(self, *args):
        # no need to call super().__init__
        self.subtypes = set()


class Source(str):
    def __init__(self, _: str) -> None:
        self.count = 0
        self.lines = self.splitlines()
        self.inc()

    def inc(self) -> None:
        self.count += 1


class Words(str):
    def __init__(self, orig):
        self.lowered = orig.lower()
        self.split_ = orig.split()
        self.first = self.split_[0] if self.split_ else ""


class Plain(int):
    def __init__(self, value):
        super().__init__()
        self.doubled = value * 2


class Tagged(tuple):
    # `tuple` ignores keyword arguments it does not know when a subclass defines `__init__`.
    def __init__(self, items, *, tag=""):
        self.tag = tag


class Checked(str):
    # A check of the instance (not of an argument) is no validation of the arguments.
    def __init__(self, value):
        if not self.isidentifier():
            self.valid = False


class Encoded(str):
    # `encoding` and `errors` are `str()`'s own parameters, and `"strict"` its own default.
    def __init__(self, source, encoding, errors="strict"):
        self.encoding = encoding


class Parsed(int):
    def __init__(self, text, base=10):
        self.text = text


class WithInit(float):
    # CPython's own test_float: an extra parameter with a default, passed by keyword, which `float` ignores.
    def __init__(self, arg, newarg=None):
        self.newarg = newarg
