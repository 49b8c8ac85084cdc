import re

FLAGS = re.I


def clean(text, count, sub):
    text = re.sub("a", "b", text, 2)
    text = re.sub("a", "b", text, count)
    text = re.sub("a", "b", text, flags=re.I)
    text = re.sub("a", "b", text, 0, re.I)
    text = re.sub("a", "b", text, FLAGS)
    text = re.sub("a", "b", text, re.I.value)
    text = re.search("a", text, re.I)
    text = re.findall("a", text, re.I)
    text = re.compile("a", re.I).sub("b", text, 1)
    text = sub("a", "b", text, re.I)
    parts = re.split(",", text, 1)
    parts = re.split(",", text, re.I + 1)
    return parts
