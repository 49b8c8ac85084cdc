import collections
import queue

handlers = {}
ordered = collections.deque()
pending = queue.Queue()
seen = set()
by_key = {}


class Registry:
    pass


registry = Registry()
for key in keys:
    handlers[key] = lambda: key
    registry.last = lambda: key
    ordered.appendleft(lambda: key)
    ordered.insert(0, lambda: key)
    ordered.extend([lambda: key, lambda: key * 2])
    seen.add(lambda: key)
    by_key.setdefault(key, lambda: key)
    pending.put(lambda: key)
    by_key.update({key: lambda: key})
    setattr(registry, key, lambda: key)
    table = {}
    table[key] = (lambda: key, 1)
