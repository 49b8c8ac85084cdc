# pitfix-args: --unsafe-fixes
class Hex(int):
    def __init__(self, text, base=16):
        self.text = text


class Port(int):
    def __init__(self, value, name="port"):
        self.name = name


class Text(str):
    def __init__(self, value=None, *, lang="en"):
        self.lang = lang


class Loose(int):
    def __init__(self, value, **options):
        self.options = options


class Cents(int):
    def __init__(self, amount):
        amount = round(float(amount) * 100)


class Measured(int):
    def __init__(self, value, *, unit, **options):
        self.unit = unit
        self.options = options
