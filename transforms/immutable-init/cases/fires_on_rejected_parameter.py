# `__init__` takes a parameter the type's constructor rejects (an extra positional one, required where the type ignores unknown keywords, a keyword-only one where the type checks keywords, `*args` past the type's own): passing it raises `TypeError`. Reported.
class Labelled(int):
    def __init__(self, value, label):
        self.label = label


class Named(str):
    def __init__(self, value, *, name=""):
        self.name = name


class Pair(tuple):
    def __init__(self, left, right):
        self.left = left


class Extra(float):
    def __init__(self, value, *rest):
        self.rest = rest


class Day(float):
    # `float` ignores unknown keywords, but a required second parameter is passed positionally.
    def __init__(self, value, unit):
        self.unit = unit
