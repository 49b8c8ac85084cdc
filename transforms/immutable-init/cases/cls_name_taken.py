class Kind(str):
    def __init__(self, value, *, cls=None):
        self.cls = cls or type(self)


class Node(str):
    def __init__(this, value, *, parent=None):
        this.parent = parent
