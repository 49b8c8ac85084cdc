# Without --unsafe-fixes a call default is reported and left as it is.
from dataclasses import dataclass


class Registry:
    pass


@dataclass
class Service:
    registry: Registry = Registry()
    items: list = []
