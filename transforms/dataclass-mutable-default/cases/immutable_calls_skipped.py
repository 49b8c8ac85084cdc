# Calls known to give an immutable (or deliberately shared) value are left alone.
import datetime
import enum
import logging
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import NamedTuple, NewType

UserId = NewType("UserId", int)


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Pair(NamedTuple):
    left: int
    right: int


@dataclass(frozen=True)
class Money:
    amount: int = 0


def read_port() -> int:
    return 8080


@dataclass
class Everything:
    created: datetime.datetime = datetime.datetime.now()
    day: datetime.date = datetime.date(2024, 1, 1)
    moment: datetime.time = datetime.time(12, 0)
    delay: datetime.timedelta = datetime.timedelta(seconds=5)
    price: Decimal = Decimal("1.10")
    ratio: Fraction = Fraction(1, 3)
    home: Path = Path("/tmp")
    pure: PurePath = PurePath("a")
    flags: frozenset = frozenset({"a"})
    pair: tuple = tuple([1, 2])
    name: str = str(1)
    count: int = int("3")
    scale: float = float("inf")
    enabled: bool = bool(1)
    raw: bytes = bytes(4)
    pattern: re.Pattern = re.compile("a+")
    ident: uuid.UUID = uuid.UUID(int=0)
    token: uuid.UUID = uuid.uuid4()
    # Immutable, though `@dataclass` rejects it on 3.11+ as unhashable (loudly, at import).
    view: MappingProxyType = MappingProxyType({})
    color: Color = Color(1)
    member: Color = Color.RED
    point: Pair = Pair(1, 2)
    money: Money = Money(3)
    user: UserId = UserId(7)
    log: logging.Logger = logging.getLogger(__name__)
    # The annotation says the value is an int: sharing it is harmless.
    port: int = read_port()
    later: list = field(default_factory=list)
    fixed: tuple = ()
    nothing: None = None
