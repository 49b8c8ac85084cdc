class Port(int):
    def __init__(self, value, *, name="port") -> None:
        """A TCP port number with a name."""
        value = int(value)
        if not 1 <= value <= 65535:
            raise ValueError(f"port out of range: {value}")
        self.name = name


http = Port("8080", name="http")
