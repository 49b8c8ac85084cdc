from typing import Generic, Protocol, TypeVar
import typing

T = TypeVar("T")


class Meta(type):
    pass


class A(metaclass=Meta):
    pass


class Box(A, Generic[T]):
    """Generic's metaclass is type: fine."""


class Reader(Protocol[T], metaclass=Meta):
    def read(self) -> T: ...


class Sized(A, typing.Sized):
    pass
