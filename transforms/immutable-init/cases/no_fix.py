class Counter(int):
    def __init__(self, value, *, step=1):
        self += step


class Upper(str):
    def __init__(self, value, *, strict=False):
        self = value.upper()


class Late(str):
    def __init__(self, value, *, keep=True):
        self.raw = value
        value = value.strip()
        self.keep = keep


class Setter(str):
    def __init__(self, value, *, lang="en"):
        super().__setattr__("lang", lang)


class Returns(int):
    def __init__(self, value, *, name=""):
        self.name = name
        return name


class Conditional(str):
    def __init__(self, value, *, clean=False):
        if clean:
            super().__init__(value.strip())
        self.clean = clean


class OneLine(int):
    def __init__(self, value, *, name=""): self.name = name


class Twice(int):
    def __init__(self, value, *, name=""):
        self.name = name

    def __init__(self, value, *, label=""):
        self.label = label


class Semicolons(int):
    def __init__(self, value, *, name=""):
        value = abs(value); self.name = name


class EarlyReturn(str):
    def __init__(self, value, *, strip=True):
        if not strip:
            return
        super().__init__(value.strip())


class CalledTwice(str):
    def __init__(self, value, *, strip=True):
        super().__init__()
        super().__init__()


class Rebound(int):
    def __init__(self, value, *, name=""):
        self.name = name

    if __debug__:
        __init__ = __init__
