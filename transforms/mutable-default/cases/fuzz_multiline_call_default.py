import collections
from collections import OrderedDict as OD, deque


def a(x=list(), y=dict(), z=set(), b=bytearray()):
    b.clear(); y.clear(); z.clear()
    return len(await x) + len(y) + len(z) + len(b)


def c(q=deque(maxlen=3), counts=collections.Counter(), od=OD
	()):
    q.append(1)
    counts["a"] += 1
    od["k"] = 1


def d(groups=collections.defaultdict(list)):
    groups["a"].append(1)


def not_mutable(t=(), f=frozenset(), s="", n=None, k=tuple()):
    return t, f, s, n, k
