# pitfix-args: --unsafe-fixes
# Wrappers with their own signature (fixed only with --unsafe-fixes): the call hands on the
# wrapper's arguments and its result is returned, kept in a returned name, or the call is a
# statement of its own.
import functools


def reentrant(command):
    def wrapper(*args):
        result = command(*args)
        return result
    return wrapper


def middleware(app):
    async def wrapped_app(scope, receive, send):
        await app(scope, receive, send)

    return wrapped_app


def inject(**kwargs):
    def wrapper(endpoint):
        async def app(request):
            return await endpoint(request=request, **kwargs)

        return app

    return wrapper
