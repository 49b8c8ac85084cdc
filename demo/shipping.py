"""A small module with Python traps that pass code review; `pitfix diff demo/` shows their fixes."""

import re

FREE_SHIPPING = 1000


def shipping_cost(total, country):
    # `is` compares identity: true for small cached ints in tests, false for 1000 in production.
    if total is FREE_SHIPPING or country is "":
        return 0
    if total is not 0:
        return 5
    return 0


def normalise_postcode(code):
    # The flag lands in `count`: IGNORECASE is 2, so at most two spaces go, case-sensitively.
    return re.sub(r"\s+", "", code, re.IGNORECASE).upper()
