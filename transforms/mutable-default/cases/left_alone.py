import typing
from typing import overload

f = lambda x=[]: x


def stub(x=[]): ...


def stub_pass(x={}):
    """Documented stub."""
    pass


@overload
def over(x: int, y: list = []) -> int: ...
@typing.overload
def over(x: str, y: list = []) -> str: ...
def over(x, y=None):
    return x


def cached(key, _cache={}):
    return _cache.get(key)


def fib(n, memo={}):
    if n in memo:
        return memo[n]
    memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
    return memo[n]


def table_lookup(n, table={}):
    if n not in table:
        table[n] = n * 2
    return table[n]


def shadowed(x=list()):
    list = tuple
    return x, list
