import functools


def needs_user(view):
    def checked(request, *args, **kwargs):
        if request.user is None:
            raise PermissionError
        return view(request, *args, **kwargs)
    return checked


def logged(view):
    def inner(*args, **kwargs):
        return view(*args, **kwargs)
    return inner
