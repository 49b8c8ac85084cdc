import re


def clean(text):
    text = re.sub(r"\s+", " ", text, re.IGNORECASE)
    text, n = re.subn("a", "b", text, re.M)
    parts = re.split(",", text, re.I | re.M)
    parts = re.split(",", text, re.RegexFlag.VERBOSE)
    text = re.sub("x", "y", text, re.S|re.X|re.A)
    return re.sub(
        "x",
        "y",
        text,
        re.DOTALL,
    )
