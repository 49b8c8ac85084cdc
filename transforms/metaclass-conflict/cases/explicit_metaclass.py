from abc import ABC, ABCMeta


class Registry(type):
    registry = []


class Base(ABC, metaclass=Registry):
    pass


class Both(metaclass=ABCMeta):
    pass


class Derived(Registry):
    pass


class Ok(Both, metaclass=ABCMeta):
    pass


class NotAClass(ABC, metaclass=lambda *a: None):
    pass
