import unittest
from abc import ABC
from enum import Enum


class M1(type):
    pass


class A1(metaclass=M1):
    pass


# Tests of the conflict itself expect the TypeError: left alone (found in CPython's test_descr).
class Tests(unittest.TestCase):
    def test_conflict(self):
        try:
            class B(A1, ABC):
                pass
        except TypeError:
            pass
        else:
            self.fail("should have failed")

    def test_raises(self):
        with self.assertRaises(TypeError):
            class C(ABC, Enum):
                X = 1


def other_handler():
    try:
        class D(A1, ABC):
            pass
    except ValueError:
        raise
    return D
