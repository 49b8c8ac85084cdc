# `NewType("Name", tp=str)` (the base as a keyword) makes an immutable type like the positional form; a NewType of a list does not.
from dataclasses import dataclass
from typing import NewType

Name = NewType("Name", tp=str)
Code = NewType("Code", int)
Tags = NewType("Tags", tp=list)


@dataclass
class Person:
    name: Name = Name("anonymous")
    code: Code = Code(0)
    tags: Tags = Tags([])
