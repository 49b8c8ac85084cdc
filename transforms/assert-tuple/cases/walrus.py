def first(values):
    assert (head := values[0], "values must not be empty")
    assert (
        tail := values[-1],
        "values must not be empty",
    )
    return head, tail
