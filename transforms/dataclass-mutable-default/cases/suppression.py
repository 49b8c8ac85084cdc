# Ruff's codes and pitfix's own comment silence the finding.
from dataclasses import dataclass


class Registry:
    pass


@dataclass
class Silenced:
    a: list = []  # noqa: RUF008
    b: Registry = Registry()  # noqa: RUF009
    c: list = []  # pitfix: ignore[dataclass-mutable-default]
    d: list = []


class Plain:
    seen = {}  # noqa: RUF012

    def visit(self, key):
        self.seen[key] = True
