# Tab indentation.
from dataclasses import dataclass, field


class Holder:
	@dataclass
	class Entry:
		values: list = []
		pairs: dict = {
			"k": 1,
		}
