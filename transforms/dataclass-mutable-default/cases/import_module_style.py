# `import dataclasses`: the fix writes `dataclasses.field(...)` and adds no import.
import dataclasses
import dataclasses as dc


@dataclasses.dataclass
class Order:
    lines: list = []
    totals: dict = dict()


@dc.dataclass(frozen=True)
class Invoice:
    numbers: set = set()
