import functools
from functools import cached_property


@functools.cache
def module_level(x):
    return x


class Fine:
    @staticmethod
    @functools.cache
    def static(x):
        return x

    @classmethod
    @functools.lru_cache(maxsize=None)
    def klass(cls):
        return cls

    @cached_property
    def already(self):
        return 1

    @functools.cached_property
    def also(self):
        return 2

    def cache(self):
        return 3


def outer():
    class Local:
        @staticmethod
        @functools.lru_cache
        def f(x):
            return x
    return Local
