_last = None
_bin = []
_by_id = {}


class Connection:
    def __del__(self):
        global _last, _bin
        _last = self
        _bin += [self]
        _by_id[id(self)] = self
        _by_id.setdefault("latest", self)
        _by_id.update({"latest": self})


class Annotated:
    def __del__(me):
        # The first parameter need not be called `self`.
        global _last
        _last: object = me
        (_last, other) = (me, None)


class Conditional:
    closed = False

    def __del__(self):
        if not self.closed:
            try:
                _bin.insert(0, (self, "unclosed"))
            except Exception:
                pass
