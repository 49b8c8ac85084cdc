from functools import lru_cache


def timer(threshold=1.0):
    def decorator(func):
        def wrapper(*args, **kwargs):
            result = func(*args, **kwargs)
            if threshold < 0:
                print("slow")
            return result
        return wrapper
    return decorator


def retry(on_error):
    def decorator(func):
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                on_error()
                raise
        return wrapper
    return decorator
