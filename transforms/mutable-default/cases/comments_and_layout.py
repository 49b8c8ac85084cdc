def f(
    name,  # the name
    tags=[  # default tags
        "a",
        "b",  # second
    ],
    # a comment between parameters
    opts={},
):
    # a leading comment in the body
    tags.append(name)
    opts.clear()
    return tags[:], dict(opts)


def g(x=[]):

    # comment after a blank line
    return x[:]
