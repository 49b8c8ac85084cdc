from dataclasses import dataclass

@dataclass
class Stubbed:
    items: list = []
