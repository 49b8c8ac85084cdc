import functools
from functools import wraps, update_wrapper


def already(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def already_qualified(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def updated(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    update_wrapper(wrapper, func)
    return wrapper


def returned_updated(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return functools.update_wrapper(wrapper, func)


def named(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    wrapper.__name__ = func.__name__
    return wrapper


def marked(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    wrapper.__wrapped__ = func
    return wrapper


def not_returned(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    REGISTRY.append(wrapper)
    return func


def kept_inside(func):
    def helper(x):
        return func(x)
    return [helper(i) for i in range(3)]


def rebound(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    wrapper = staticmethod(wrapper)
    return wrapper


def calls_nothing(func):
    def wrapper(*args, **kwargs):
        return 42
    return wrapper


def compose(f, g):
    def both(*args):
        return f(g(*args))
    return both


def later(func):
    def wrapper(*args, **kwargs):
        return lambda: func(*args, **kwargs)
    return wrapper


class Decorator:
    def __init__(self, func):
        self.func = func

    def __call__(self, *args, **kwargs):
        return self.func(*args, **kwargs)


def six_style(func):
    @six.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper
