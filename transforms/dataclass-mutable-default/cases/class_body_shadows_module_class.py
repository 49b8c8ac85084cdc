# A name read in a class body is the class body's own class when it defines one, not the module's class of that name.
from dataclasses import dataclass


@dataclass
class D:
    x: int = 0


@dataclass(frozen=True)
class F:
    x: int = 0


@dataclass
class Outer:
    @dataclass(frozen=True)
    class D:
        x: int = 0

    d: D = D()


@dataclass
class Other:
    @dataclass
    class F:
        x: int = 0

    f: F = F()


@dataclass
class AtModule:
    d: D = D()
    f: F = F()
