class Token(tuple):
    def __init__(self, *args):
        # no need to call super().__init__
        self.subtypes = set()


class Record(str):
    def __init__(self, value, *args, **kwargs):
        self.extra = args
        self.options = kwargs


class Forwarded(str):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.forwarded = True


class Loose(float):
    def __init__(self, value, *args, **kwargs):
        self.options = kwargs
