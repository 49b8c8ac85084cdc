import weakref

_bin = []
_weak = weakref.WeakSet()
_refs = []


def __del__(self):
    # Not a method: never called by the collector.
    _bin.append(self)


class Fine:
    items = []

    def close(self):
        pass

    def __init__(self):
        # Not `__del__`.
        _bin.append(self)
        self.own = []

    def __del__(self):
        self.me = self  # a cycle through itself only
        self.own.append(self)  # an instance attribute's list
        _bin.append(self.data)  # a copy of the state, not the object
        _bin.remove(self)
        _weak.add(self)
        _refs.append(weakref.ref(self))
        print(self)
        local = []
        local.append(self)
        keep = self

        def later():
            _bin.append(self)

        _bin.append(len(local) + (keep is None))
