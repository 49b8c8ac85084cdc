from functools import (
    partial,
    reduce,
)
import contextlib


def deco(func):
    # The wrapper: counts calls.
    def wrapper(*args, **kwargs):  # trailing comment
        return func(*args, **kwargs)

    return wrapper


def managed(func):
    # a comment above the decorator
    @contextlib.contextmanager
    # a comment between decorator and def
    def inner(*args, **kwargs):
        yield func(*args, **kwargs)
    return inner
