# `field(default=<mutable>)` becomes `field(default_factory=...)`; the other arguments stay.
from dataclasses import dataclass, field


class Registry:
    def __init__(self):
        self.entries = {}


OPTIONS = {"repr": False}


@dataclass
class Settings:
    paths: list = field(default=[])
    env: dict = field(default={}, repr=False)
    flags: list = field(compare=False, default=[1, 2])
    seen: set = field(
        repr=False,
        default=set(),  # stays on its line
    )
    # A call is only an unsafe fix (it changes when the object is built).
    registry: Registry = field(default=Registry())
    # `**options` might hold a factory too: reported, not touched.
    unpacked: list = field(default=[], **OPTIONS)
    # Both a default and a factory is an error of its own: not this transform's business.
    broken: list = field(default=[], default_factory=list)
    # Already right.
    good: list = field(default_factory=list)
    scalar: int = field(default=0)
