from abc import ABC

from sqlalchemy.orm import DeclarativeBase
from somewhere import make_meta


class Meta(type):
    pass


class A(metaclass=Meta):
    pass


class Model(DeclarativeBase, ABC):
    """SQLAlchemy's metaclass is not known: left alone."""


Dynamic = make_meta()


class Made(metaclass=Dynamic):
    pass


class Uses(Made, A):
    pass


def decorate(cls):
    return cls


@decorate
class Decorated(A):
    pass


class Mixed(Decorated, ABC):
    """Decorated may be anything the decorator returned."""


class Twice(metaclass=Meta):
    pass


Twice = object


class Rebound(Twice, ABC):
    pass


class Star(*[A], ABC):
    pass


class Kw(A, ABC, **{}):
    pass
