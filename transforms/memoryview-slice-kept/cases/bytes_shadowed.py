# pitfix-args: --unsafe-fixes


def header(data, bytes=None):
    """`bytes` is not the builtin here: reported without a fix."""
    return memoryview(data)[:12]
