# pitfix-args: --unsafe-fixes
def compares(items=[]):
    if items is None:
        return "nothing"
    items.clear()
    return len(items)


def returns(items=[]):
    return items


def stores(self, handlers={}):
\
    self.handlers = handlers
    return len(handlers)


def yields(acc=[]):
    yield acc
