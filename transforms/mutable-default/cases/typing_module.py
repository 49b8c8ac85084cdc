# pitfix-args: --target-version py39
import typing


def f(a: typing.List[int] = [], b: typing.Dict[str, str] = {}):
    a.clear(); b.clear()
    return len(a) + len(b)
