import re

a = re.sub("a", "b", "abc", re.I)  # noqa: B034
b = re.sub("a", "b", "abc", re.I)  # pitfix: ignore[re-flags-positional]
c = re.sub("a", "b", "abc", re.I)  # noqa: E501
