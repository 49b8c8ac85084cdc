def last(x):
    return x is 1