class Panel:
    def __init__(self, names):
        self.handlers = {}
        for name in names:
            self.handlers[name] = lambda: self.show(name)

    def show(self, name):
        print(self, name)

    def wire(self, buttons):
        for index, button in enumerate(buttons):
            button.clicked.connect(lambda: self.select(index))


class Table:
    # A lambda in a class body cannot see class-level names: nothing to capture here.
    for column in ("a", "b"):
        locals()[column] = property(lambda self: column)
    del column
