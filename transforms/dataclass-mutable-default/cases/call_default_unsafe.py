# pitfix-args: --unsafe-fixes
# A call default is built once and shared; with --unsafe-fixes it becomes a factory.
from dataclasses import dataclass, field


class Registry:
    def __init__(self):
        self.entries = {}


class Config:
    def __init__(self, debug=False):
        self.debug = debug


def make_cache():
    return {}


@dataclass
class Service:
    registry: Registry = Registry()
    config: Config = Config(debug=True)
    cache: dict = make_cache()
    nested: Config = field(default=Config())
