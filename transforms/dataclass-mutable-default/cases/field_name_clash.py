# A dataclass field named `field` would shadow the imported `field` inside the class body:
# the fix writes `dataclasses.field(...)` and adds `import dataclasses`.
from dataclasses import dataclass


@dataclass
class Form:
    field: str = "name"
    choices: list = []


@dataclass
class Other:
    values: list = []
