# pitfix-args: --unsafe-fixes
# Classes nested in classes and in functions: the new lines take the nested block's indentation.
class Outer:
    class Inner:
        buffer = []

        def write(self, data):
            self.buffer.append(data)

    def make(self):
        return self.Inner()


def factory():
    class Local:
        cache = {}

        def __init__(self, key):
            self.key = key

        def remember(self, value):
            self.cache[self.key] = value

    return Local
