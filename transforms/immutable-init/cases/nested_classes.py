def make():
    class Local(int):
        def __init__(self, value, *, name=""):
            self.name = name

    class Child(Local):
        pass

    return Local, Child


class Outer:
    class Inner(str):
        def __init__(self, value, *, lang="en"):
            self.lang = lang

    class Other(Inner):
        def __init__(self, value, *, lang="en", note=""):
            super().__init__(value, lang=lang)
            self.note = note
