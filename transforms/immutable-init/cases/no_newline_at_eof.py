class Port(int):
    def __init__(self, value, *, name="port"):
        self.name = name