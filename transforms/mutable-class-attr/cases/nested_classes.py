# pitfix-args: --unsafe-fixes
# Classes nested in classes are reported without a fix (they are reached through the outer class,
# as `self.Inner` or `Outer.Inner.buffer`); a class in a function gets the new lines at its own
# indentation.
class Outer:
    class Inner:
        buffer = []

        def write(self, data):
            self.buffer.append(data)

    def make(self):
        return self.Inner()


def factory():
    class Local:
        seen = {}

        def __init__(self, key):
            self.key = key

        def remember(self, value):
            self.seen[self.key] = value

    return Local()
