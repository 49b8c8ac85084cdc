import re


def clean(text, more):
    text = re.sub("a", "b", text, re.I, re.M)
    text = re.sub("a", "b", text, re.I, flags=re.M)
    text = re.split(",", text, re.I, **more)
    return text
