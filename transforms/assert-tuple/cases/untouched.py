def check(x, pair):
    assert ()
    assert x == (1, "one")
    assert pair, ("a", "tuple as the message")
    assert x > 0, "message"
    assert (x > 0), "parenthesised condition"
    assert (
        x > 0
    ), "wrapped condition"
    assert tuple((x, "call"))
    return x
