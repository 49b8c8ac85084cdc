# pitfix-args: --unsafe-fixes
import collections

data = bytearray(1024)
# The article's example: a module-level slice keeps all of `data`.
header = memoryview(data)[:12]


class Parser:
    MAGIC = memoryview(data)[:8]

    def __init__(self, data):
        view = memoryview(data)
        self.header = view[:12]
        self.fields = {}
        self.fields["body"] = view[12:]
        self.parts = collections.deque()
        self.parts.append(view[4:8])
        self.parts.insert(0, view[8:12])
        self.seen = set()


latest = None


def remember(data):
    global latest
    latest = memoryview(data)[:4]
