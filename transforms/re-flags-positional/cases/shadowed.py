import re


def clean(text):
    class re:
        I = 2

        @staticmethod
        def sub(*args):
            return args

    return re.sub("a", "b", text, re.I)


def other(text):
    re = __import__("regex")
    return re.sub("a", "b", text, re.I)
