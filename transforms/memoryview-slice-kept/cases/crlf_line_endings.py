# pitfix-args: --unsafe-fixes


def header(data):
    view = memoryview(data)
    return view[:12]
