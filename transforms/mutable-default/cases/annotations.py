from typing import Any, Dict, List, Optional, Union


def f(
    a: list[str] = [],
    b: Optional[List[int]] = [],
    c: Union[dict, None] = {},
    d: Any = [],
    e: object = {},
    g: "list[int]" = [],
    h: dict | None = {},
    i: Dict[str, int] = {},
):
    return sum(map(len, (a, b, c, d, e, g, h, i)))
