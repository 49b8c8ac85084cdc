# The instance is built on the first line of the body (after the docstring) when nothing else comes before it: a blank line after the header or the docstring, or the place of a removed `super().__init__()`, never becomes the first line of `__new__`.
class Port(int):
    def __init__(self, value, *, name="port") -> None:

        self.name = name


class Word(str):
    def __init__(self, value, *, lang="en"):
        super().__init__()

        self.lang = lang


class Documented(str):
    def __init__(self, value, *, lang="en"):
        """A word in a language."""

        self.lang = lang


class DocumentedBase(str):
    def __init__(self, value, *, lang="en"):
        """A word in a language."""
        super().__init__()

        self.lang = lang


class Commented(str):
    def __init__(self, value, *, lang="en"):

        # the language
        self.lang = lang
