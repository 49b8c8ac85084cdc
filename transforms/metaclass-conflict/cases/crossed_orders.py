class X(type):
    pass


class Y(type):
    pass


class M1(X, Y):
    pass


class M2(Y, X):
    pass


class A(metaclass=M1):
    pass


class B(metaclass=M2):
    pass


class C(A, B):
    """No metaclass can derive from both M1 and M2: reported without a fix."""
