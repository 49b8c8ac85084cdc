def f(tags=[]):
    tags.append(1)
    return tags[:]