# `self` read by a lambda default is a use: the instance must exist before that line.
HOOKS = []


class Port(int):
    def __init__(self, value, *, name):
        HOOKS.append(lambda port=self: port.name)
        self.name = name
