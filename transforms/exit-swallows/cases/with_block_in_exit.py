import threading


class Guarded:
    def __exit__(self, exc_type, exc, tb):
        with self.lock:
            self.depth -= 1
            return True


class WhileTrue:
    def __exit__(self, exc_type, exc, tb):
        while True:
            return True
