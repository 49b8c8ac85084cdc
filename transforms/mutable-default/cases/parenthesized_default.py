# Parentheses that hold the replaced default alone go with it: `x=([1, ])` becomes `x=None`.
def f(x=([1, ])):
    x.append(2)
    return len(x)


def g(x=(({}))):
    x[1] = 2
    return len(x)


# A comment inside the parentheses keeps them, so it is not lost.
def h(x=(  # the seed
        [1])):
    x.append(2)
    return len(x)
