class Path(str):
    def __init__(self, value, *, root="/", follow_links=True, mode: int = 0o644):
        value = value.rstrip("/") or root
        self.follow_links = follow_links
        self.mode = mode


class Port(int):
    def __init__(self, value, /, *, name):
        self.name = name
