import sys

assert (sys.version_info >= (3, 8), "needs Python 3.8")

class Config:
    assert (True, "in a class body")

    def method(self):
        if self:
            for _ in range(2):
                assert (self, "nested blocks")
        else:
            assert (not self, f"{self}")
