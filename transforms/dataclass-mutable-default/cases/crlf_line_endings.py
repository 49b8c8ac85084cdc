# CRLF line endings are kept, in the added import too.
from dataclasses import dataclass


@dataclass
class Basket:
    items: list = []
    counts: dict = {
        "a": 1,
    }
