import re
from decimal import Decimal
from datetime import timedelta
from pathlib import Path
from fractions import Fraction

SENTINEL = object()


def immutable(a=frozenset(), b=tuple(), c=Decimal("1"), d=Path("x"), e=re.compile("a"), f=timedelta(1)):
    return a, b, c, d, e, f


def sentinel(value=object(), g=Fraction(1, 3), h=int("3"), i=str(4)):
    return value


def mutable_ones_are_mutable_defaults(items=list(), mapping=dict()):
    return items, mapping


def no_call(a=1, b=None, c=SENTINEL, d=(1, 2), e=lambda: time()):
    return a


def time():
    return 0


import socket


def listen(backlog: int = min(socket.SOMAXCONN, 128), top=max(1, -2)):
    return backlog, top
