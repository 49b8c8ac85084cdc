class Registry:
    LIMIT = 10

    def add(self, item, into=[]):
        into.append(item)
        return len(into)

    @staticmethod
    def make(parts={}):
        parts.setdefault("a", 1)
        return len(parts)

    def uses_class_name(self, limits=[LIMIT]):
        limits.clear()
        return len(limits)


def outer():
    def inner(acc=[]):
        acc.append(1)
        return len(acc)

    return inner


def posonly(a=[], /, b={}, *, c=set()):
    a.clear(); b.clear(); c.clear()
    return len(a) + len(b) + len(c)
