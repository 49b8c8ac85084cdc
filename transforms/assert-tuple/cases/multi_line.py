def check(items, limit):
    assert (
        len(items) <= limit,
        "too many items",
    )
    assert (
        len(items) > 0  # never empty
        and items[0] is not None,  # first is set
        # the message follows
        f"first item missing in {items!r}"
    )
    assert (items,
            "split after the condition")
    assert (items, "a"
            "b")
    return items
