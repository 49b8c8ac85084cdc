from abc import ABC, ABCMeta


class Meta(type):
    pass


class A(metaclass=Meta):
    pass


_CMeta = "taken"


class C(A, ABC):
    pass


def f():
    class _C(A, ABC):
        pass

    _CMeta_1 = 1
    return _C, _CMeta_1


def g():
    ABCMeta = None
    class D(A, ABC):
        pass
    return D, ABCMeta
