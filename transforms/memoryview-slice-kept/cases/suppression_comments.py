# pitfix-args: --unsafe-fixes


def header(data):
    return memoryview(data)[:12]  # pitfix: ignore[memoryview-slice-kept]


def zero_copy(data):
    view = memoryview(data)
    # The caller releases the buffer itself: keep the views.
    return (
        view[:4],  # pitfix: ignore[memoryview-slice-kept]
        view[4:8],
    )
