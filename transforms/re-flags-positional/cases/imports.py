from re import sub as replace, split, IGNORECASE as IC, MULTILINE
import re as regex


def clean(text):
    text = replace("a", "b", text, IC)
    text = regex.sub("a", "b", text, regex.I)
    return split(";", text, MULTILINE | IC)
