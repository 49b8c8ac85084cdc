class MetaA(type):
    pass


class MetaB(type):
    pass


class A(metaclass=MetaA):
    pass


class B(metaclass=MetaB):
    pass


# Both bases bring a metaclass: this raises at import.
class C(A, B):
    pass


class Child(A):
    """A single base cannot conflict."""


class Related(MetaA):
    pass


class R(metaclass=Related):
    pass


class Fine(A, R):
    """Related derives from MetaA: Python picks Related."""
