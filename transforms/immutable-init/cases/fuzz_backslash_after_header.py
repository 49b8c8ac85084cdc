# Found by fuzzing: a backslash after the header's `:` (or after the docstring) joins the next
# line to it, so the instance is built before the first statement instead of on that line.
class Count(int):
    def __init__(self, value, *, unit="items"):\

        self.unit = unit


class Documented(str):
    def __init__(self, value, *, lang="en"):
        """A word in a language."""\


        self.lang = lang
