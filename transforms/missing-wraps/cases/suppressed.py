def deco(func):
    def wrapper(*args, **kwargs):  # pitfix: ignore[missing-wraps]
        return func(*args, **kwargs)
    return wrapper


def other(func):
    def wrapper(*args, **kwargs):  # pitfix: ignore[is-literal]
        return func(*args, **kwargs)
    return wrapper
