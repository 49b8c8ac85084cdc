# The return annotation of `__init__` (`-> None`, `-> "None"`, in parentheses over lines) describes `__init__`; the generated `__new__` has none.
class Port(int):
    def __init__(self, value, *, name="port") -> None:
        self.name = name


class Quoted(str):
    def __init__(self, value, *, lang="en") -> "None":
        self.lang = lang


class Wrapped(str):
    def __init__(
        self, value, *, lang="en"
    ) -> (
        None
    ):
        self.lang = lang
