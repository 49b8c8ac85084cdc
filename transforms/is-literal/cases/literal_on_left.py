def where(x):
    if "a" is x:
        return 1
    if 1 is not x:
        return 2
    if -1 is x:
        return 3
    if [] is not x:
        return 4
    if (1, 2) is x:
        return 5
    return 0
