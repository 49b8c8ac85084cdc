class Committing:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.rollback()
            return True
        else:
            self.commit()
            return True


class TryFinally:
    def __exit__(self, exc_type, exc, tb):
        try:
            self.release()
        except OSError:
            return True
        finally:
            self.closed = True
        return True


class Mixed:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return True
        return False


class FallsOff:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return True


class Loop:
    def __exit__(self, exc_type, exc, tb):
        for hook in self.hooks:
            hook()
        return "done"
