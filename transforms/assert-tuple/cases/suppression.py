def check(x):
    assert (x > 0, "silenced by ruff's code")  # noqa: F631
    assert (x > 0, "silenced by the id")  # pitfix: ignore[assert-tuple]
    assert (x > 0, "other code does not silence it")  # noqa: E501
    return x
