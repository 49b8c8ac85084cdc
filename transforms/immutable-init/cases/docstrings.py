class Celsius(float):
    def __init__(self, value, *, precise=False):
        """Degrees Celsius.

        Nothing happens here but the docstring.
        """


class Email(str):
    def __init__(self, value, *, verified=False):
        """An e-mail address; the `verified` flag says if it was confirmed."""
        if "@" not in value:
            raise ValueError(value)
        self.verified = verified


class Bits(int):
    def __init__(self, value, *, width=8):
        '''Docstring, then the base call.'''
        super().__init__()


class Kelvin(float):
    def __init__(self, value, scale):
        """Only a docstring; `scale` is a second argument `float()` refuses."""
