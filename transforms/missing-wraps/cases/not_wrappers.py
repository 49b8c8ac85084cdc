# Shapes found in real code (celery, scrapy, tornado, CPython) that call a parameter from a
# returned inner function without being a wrapper of it: left alone.
from typing import Any


def create_task_handler(self, promise=promise):
    # A default that is a class: the handler builds promises, it does not stand for one.
    def on_task_received(message):
        return promise(message)
    return on_task_received


def firstmethod(method, on_call=None):
    # An optional hook, tested before it is called.
    def _matcher(it, *args, **kwargs):
        for obj in it:
            reply = on_call(obj, *args, **kwargs) if on_call else obj(*args, **kwargs)
            if reply is not None:
                return reply
    return _matcher


def ui_module(self, name: str, module: type["UIModule"]):
    # A class parameter: the inner function builds an instance.
    def render(*args, **kwargs) -> str:
        return module(self).render(*args, **kwargs)
    return render


def server_main(resource_class, *, listen=True):
    # A factory run later: the call's result is used, not returned.
    def main() -> None:
        root = resource_class()
        root.serve()
    return main


def raise_error(self, error):
    def inner():
        raise error()
    return inner


def coding_checker(self, coder):
    # A checker: it asserts on the result, it does not return it.
    def check(input, expect):
        self.assertEqual(coder(input), (expect, len(input)))
    return check


def create_cb_wrapper(callback, /, *args, **kwds):
    # The callback gets the outer function's arguments, not the inner one's.
    def _exit_wrapper(exc_type, exc, tb):
        callback(*args, **kwds)
    return _exit_wrapper


def make_cached_stream_func(src_func, wrapper_func):
    # Two parameters called: the inner function stands for neither (click's cached streams).
    def func():
        stream = src_func()
        if stream is None:
            return None
        rv = wrapper_func()
        return rv
    return func
