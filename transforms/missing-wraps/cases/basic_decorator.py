import time


def timer(func):
    def wrapper(*args, **kwargs):
        start = time.time()
        result = func(*args, **kwargs)
        print(f"{func.__name__} took {time.time() - start:.2f}s")
        return result
    return wrapper


def log_calls(fn):
    async def inner(*args, **kw):
        print("calling", fn)
        return await fn(*args, **kw)

    return inner


@timer
def train(epochs):
    """Train the model."""
    return epochs
