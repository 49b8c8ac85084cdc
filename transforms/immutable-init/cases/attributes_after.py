class Version(str):
    def __init__(self, value, *, source="user"):
        value = value.lstrip("v")
        parts = value.split(".")
        self.major = int(parts[0])
        self.minor = int(parts[1]) if len(parts) > 1 else 0
        self.source = source


class Temperature(float):
    def __init__(self, degrees, *, scale="C"):
        if scale not in ("C", "F"):
            raise ValueError(scale)

        # Remember how it was given.
        self.scale = scale
        self.kelvin = degrees + 273.15 if scale == "C" else (degrees - 32) * 5 / 9 + 273.15
