# pitfix-args: --unsafe-fixes


def header(data, start):
    view = memoryview(data)
    return view[  # the header
        start:start + 12  # twelve bytes
    ]


def wrapped(data):
    return (
        memoryview(data)  # a view
        [4:8]
    )
