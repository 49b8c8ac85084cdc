class Point(tuple):
    def __init__(self, x, y):
        if x < 0 or y < 0:
            raise ValueError((x, y))


class Point3D(tuple):
    def __init__(self, x, y, z=0, *, unit="m"):
        self.unit = unit


class Members(frozenset):
    def __init__(self, first, second):
        self.size = 2


class Items(tuple):
    def __init__(self, items, label=None):
        self.label = label
