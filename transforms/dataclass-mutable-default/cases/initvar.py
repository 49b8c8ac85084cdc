# An InitVar cannot take a default_factory: reported without a fix.
import dataclasses
from dataclasses import InitVar, dataclass, field


@dataclass
class Loader:
    seed: InitVar[list] = []
    extra: dataclasses.InitVar[dict] = field(default={})
    quoted: "InitVar[set]" = set()
    # Immutable InitVar defaults are fine.
    retries: InitVar[int] = 3
    items: list = []

    def __post_init__(self, seed, extra, quoted, retries):
        self.items.extend(seed)
