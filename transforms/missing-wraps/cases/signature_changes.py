# pitfix-args: --unsafe-fixes
import functools


def with_retries(func):
    def wrapper(url, retries=3):
        for _ in range(retries):
            try:
                return func(url)
            except OSError:
                pass
        raise OSError(url)
    return wrapper


def needs_user(view):
    def checked(request, *args, **kwargs):
        if request.user is None:
            raise PermissionError
        return view(request, *args, **kwargs)
    return checked
