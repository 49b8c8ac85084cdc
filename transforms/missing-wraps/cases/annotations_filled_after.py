import typing


def optional(converter):
    # Fills the wrapper's own annotations: `wraps` would share the converter's dict instead.
    def optional_converter(val):
        if val is None:
            return None
        return converter(val)

    optional_converter.__annotations__["val"] = typing.Optional[int]
    return optional_converter


def logged(func):
    # Reads the wrapper's name for a registry: the code handles the metadata itself.
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    REGISTRY[wrapper.__name__] = wrapper
    return wrapper


def plain(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper
