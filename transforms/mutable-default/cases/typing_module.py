# pitfix-args: --target-version py39
import typing


def f(a: typing.List[int] = [], b: typing.Dict[str, str] = {}):
    return len(a) + len(b)
