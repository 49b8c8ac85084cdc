def f(tags=[]):
    """Doc."""
    tags.append(1)
    return tags[:]


class C:
    def m(self, d={}):
        d.clear()
        return len(d)
