class Port(int):
    def __init__(self, value, *, name="port"):
        value = \
            int(value)
        self.name = name\


class Word(str):
    def __init__(self, value, *, lang="en"):
        super().__init__(value.strip())\

        self.lang = lang  # last\


port = Port("1", name="p")
