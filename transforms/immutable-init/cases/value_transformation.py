class Slug(str):
    def __init__(self, value, *, max_length=50):
        value = value.strip().lower()
        value = "-".join(value.split())
        if len(value) > max_length:
            value = value[:max_length]


class Cents(int):
    def __init__(self, amount):
        amount = round(float(amount) * 100)


class Point(tuple):
    def __init__(self, coords, *, dims=2):
        coords = tuple(float(c) for c in coords)
        if len(coords) != dims:
            raise ValueError(coords)
        self.dims = dims
