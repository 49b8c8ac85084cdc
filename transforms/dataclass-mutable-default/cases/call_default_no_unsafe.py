# Without --unsafe-fixes a call default is reported and left as it is.
from dataclasses import dataclass


class Registry:
    def __init__(self):
        self.entries = {}


@dataclass
class Service:
    registry: Registry = Registry()
    items: list = []
