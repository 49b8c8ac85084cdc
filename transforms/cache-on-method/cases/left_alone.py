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

    @functools.lru_cache()  # type: ignore
    def __new__(cls, root):
        # An implicit static method: caching instances per argument on purpose.
        return super().__new__(cls)

    @functools.cache
    def __class_getitem__(cls, item):
        return cls


def outer():
    class Local:
        @staticmethod
        @functools.lru_cache
        def f(x):
            return x
    return Local
