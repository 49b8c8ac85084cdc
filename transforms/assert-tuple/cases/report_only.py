def check(x, code):
    assert (x > 0, code)
    assert (x > 0, "positive", "and small")
    assert (x,)
    assert (x > 0, "positive"), "already has a message"
    assert (*x, "starred")
    return x
