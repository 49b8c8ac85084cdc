def check(x):
    assert (  # the condition
        x > 0,  # must be positive
        # the message:
        "x must be positive"  # shown on failure
        ,  # odd comma
    )  # end
    assert (x > 0, "same line"  # comment after the message
    )
    return x
