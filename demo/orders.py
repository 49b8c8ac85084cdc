"""Orders: defaults evaluated once, shared class state, and values built too early."""

import functools
from dataclasses import dataclass
from datetime import datetime


class OrderId(int):
    # int's value is fixed by int.__new__ before __init__ runs: OrderId("42", prefix="A")
    # raises TypeError, and the check below never sees a string.
    def __init__(self, value, *, prefix="ORD"):
        value = int(value)
        if value <= 0:
            raise ValueError(f"order id must be positive: {value}")
        self.prefix = prefix


@dataclass
class Order:
    id: OrderId
    lines: list = []


class Basket:
    discounts = []

    def add_discount(self, code):
        self.discounts.append(code)


def basket_with(codes):
    basket = Basket()
    for code in codes:
        basket.add_discount(code)
    return basket


class Catalogue:
    def __init__(self, path):
        self.path = path

    @property
    @functools.lru_cache(maxsize=None)
    def prices(self):
        with open(self.path) as f:
            return dict(line.split(",") for line in f)


def add_line(order, sku, qty, seen=[]):
    assert (qty > 0, f"quantity must be positive, got {qty}")
    seen.append(sku)
    order.lines.append((sku, qty))
    return len(seen)


def stamp(order, at=datetime.now()):
    return {"order": order.id, "at": at.isoformat(), "utc": datetime.utcnow().isoformat()}
