import abc

from elsewhere import Mixin, Registered


class Plain:
    def describe(self):
        return repr(self)


class WithPlainMixin(Plain, int):
    def __init__(self, value, *, unit="m"):
        self.unit = unit


class WithUnknownMixin(Mixin, int):
    def __init__(self, value, *, unit="m"):
        self.unit = unit


class Abstract(float, metaclass=abc.ABCMeta):
    def __init__(self, value, *, unit="kg"):
        self.unit = unit


class Meta(str, metaclass=Registered):
    def __init__(self, value, *, unit="kg"):
        self.unit = unit


class AbstractChanged(float, metaclass=abc.ABCMeta):
    def __init__(self, value, *, unit="kg"):
        value = float(value)
        self.unit = unit
