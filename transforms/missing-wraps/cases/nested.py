def outer():
    def deco(func):
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)
        return wrapper

    class Local:
        def deco(self, func):
            def wrapper(*args, **kwargs):
                return func(*args, **kwargs)
            return wrapper

    return deco, Local


def shadowed(func):
    wraps = "not functools"

    def wrapper(*args, **kwargs):
        print(wraps)
        return func(*args, **kwargs)
    return wrapper
