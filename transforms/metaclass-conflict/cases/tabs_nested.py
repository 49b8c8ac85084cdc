import abc
import enum


def make():
	class Meta(type):
		pass

	class A(metaclass=Meta):
		pass

	class C(A, abc.ABC):
		pass

	return C


class Outer:
	class Inner(abc.ABC, enum.Enum):
		X = 1
