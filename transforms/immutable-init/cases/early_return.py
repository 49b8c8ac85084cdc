class Code(str):
    def __init__(self, value, *, region=None):
        if not value:
            return
        value = value.upper()
        if value.startswith("X"):
            return None
        self.region = region
        for part in value.split("-"):
            if not part:
                return
        try:
            self.number = int(value[-3:])
        except ValueError:
            return
        finally:
            self.checked = True

        def describe():
            return f"{value} in {region}"

        self.describe = describe


class Level(int):
    def __init__(self, value, *, name=""):
        while value > 10:
            if name:
                return
            value -= 10
