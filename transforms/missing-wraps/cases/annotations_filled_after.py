import typing


def optional(converter):
    # Fills the wrapper's own annotations: `wraps` would share the converter's dict instead.
    def optional_converter(val):
        if val is None:
            return None
        return converter(val)

    optional_converter.__annotations__["val"] = typing.Optional[int]
    return optional_converter


def tagged(func):
    # Sets attributes through the wrapper's `__dict__`, which `wraps` would merge into.
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    wrapper.__dict__.update(tags=["slow"])
    return wrapper


def plain(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper
