# A pydantic dataclass takes `dataclasses.field`; the import is added on its own line.
from pydantic.dataclasses import dataclass


@dataclass
class Event:
    tags: list[str] = []
    labels: list[str] = ["new"]
