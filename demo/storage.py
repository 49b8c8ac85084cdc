"""Storage: buffers kept alive, metaclasses that clash, objects that will not die."""

import abc
import enum

_open_handles = []


class Packet:
    def __init__(self, data: bytearray):
        self.header = memoryview(data)[:16]  # no copy, no cost: or so it seems


class Codec(abc.ABC):
    @abc.abstractmethod
    def encode(self, value): ...


class Named(enum.Enum):
    def __str__(self):
        return self.name.lower()


class Level(Codec, Named):
    LOW = 1
    HIGH = 2

    def encode(self, value):
        return f"{self}:{value}"


class Handle:
    def __del__(self):
        _open_handles.append(self)  # comes back to life, and __del__ never runs again


class Transaction:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.rollback() if exc_type else self.commit()
        return True

    def commit(self):
        pass

    def rollback(self):
        pass
