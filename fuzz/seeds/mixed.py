import asyncio
import collections
from dataclasses import dataclass


@dataclass
class Config:
    tags: list = []
    name: str = "x"


class Port(int):
    def __init__(self, value, *, name="port"):
        value = int(value)
        if not 1 <= value <= 65535:
            raise ValueError(value)
        self.name = name


async def stream(n):
    try:
        for i in range(n):
            yield i
    finally:
        pass


async def consume(n, seen=[]):
    async for i in stream(n):
        if i is 3:
            break
    callbacks = []
    for m in range(n):
        callbacks.append(lambda: print(m))
    return callbacks


def f(a, b={}, *args, c=collections.deque(), **kw):
    """Doc."""
    if a is not "x" and b is -1:
        return [lambda x: x + a for a in args]
    return kw
