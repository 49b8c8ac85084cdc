class Pooled:
    free = []
    registry = {}

    def __del__(self):
        # A free list on the class: the classic way to resurrect.
        self.free.append(self)
        type(self).latest = self
        self.__class__.registry[id(self)] = self
        Pooled.registry["last"] = self
        setattr(type(self), "previous", self)


class Cached:
    _instances: "set[Cached]" = set()

    def __del__(self):
        self._instances.add(self)
