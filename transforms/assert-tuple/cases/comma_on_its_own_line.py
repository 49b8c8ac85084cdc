def check(items):
    assert (items
    ,
            "split after the condition")
    assert (items  # why
            , "m")
