class SuppressErrors:
    def __exit__(self, exc_type, exc, tb):
        return True


class ignore_all:
    def __exit__(self, *args):
        return True


class Choosing:
    def __init__(self, *errors):
        self.errors = errors

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.errors):
            self.caught = exc
        return True


class ByComparison:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is KeyError:
            self.missing = True
        return True


class ByArgs:
    def __exit__(self, *args):
        if isinstance(args[1], ValueError):
            print("bad value")
        return True
