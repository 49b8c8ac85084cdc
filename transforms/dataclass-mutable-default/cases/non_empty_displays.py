# Non-empty displays and comprehensions become `default_factory=lambda: <the same text>`.
from dataclasses import dataclass, field

DEFAULT_PORTS = [80, 443]


@dataclass
class Server:
    ports: list[int] = [8080, 8443]
    headers: dict = {"Accept": "*/*", "X-Retry": 3}
    methods: set = {"GET", "HEAD"}
    squares: list = [n * n for n in range(4)]
    index: dict = {k: i for i, k in enumerate("abc")}
    copied: list = [*DEFAULT_PORTS]
    matrix: list = [
        [1, 0],
        [0, 1],
    ]


@dataclass
class ClassScope:
    size: int = 3
    # A lambda cannot see `size` (a class-level name): reported, not fixed.
    grid: list = [size, size]
