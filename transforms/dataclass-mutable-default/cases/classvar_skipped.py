# ClassVar attributes are class-level on purpose and are not fields: left alone.
import typing
import typing as t
from dataclasses import dataclass
from typing import ClassVar


@dataclass
class Plugin:
    registry: ClassVar[dict] = {}
    names: typing.ClassVar[list[str]] = []
    aliases: t.ClassVar[set] = set()
    quoted: "ClassVar[list[int]]" = []
    bare: ClassVar = []
    spelled: "typing.ClassVar[dict]" = {}
    # A real field next to them is still fixed.
    hooks: list = []
