import functools
from typing import override

from typing_extensions import deprecated


def traced(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


class Base(int):
    pass


class Checked(str):
    @override
    def __init__(self, value, *, checked=True):
        self.checked = checked


class Traced(str):
    @traced
    def __init__(self, value, *, trace=True):
        self.trace = trace


class NotAMethod(str):
    @staticmethod
    def __init__(value, extra):
        pass


@deprecated("use Checked")
class Old(str):
    def __init__(self, value, *, checked=True):
        self.checked = checked
