def check(x):
    assert (x > 0, "crlf")
    assert (
        x > 1,
        "crlf across lines",
    )
    return x
