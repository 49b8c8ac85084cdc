from datetime import datetime
from typing import overload


@overload
def f(at: datetime = datetime.now()) -> None: ...
@overload
def f(at: int = datetime.now()) -> None: ...
def f(at=datetime.now()):
    return at


def stub(at=datetime.now()):
    ...


def rebinds(at=datetime.now()):
    datetime = None
    return at, datetime


class Clock:
    now = staticmethod(datetime.now)

    def tick(self, at=now()):
        return at


lam = lambda at=datetime.now(): at


from typing import Optional


class Highlighter:
    pass


def console(highlighter: Optional[Highlighter] = Highlighter()):
    # None means "no highlighting": it cannot become the sentinel.
    return highlighter or (lambda text: text)
