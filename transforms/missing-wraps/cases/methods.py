import logging
import functools as ft


class Registry:
    def __init__(self):
        self.calls = []

    def track(self, func):
        def tracked(*args, **kwargs):
            self.calls.append(func)
            return func(*args, **kwargs)
        return tracked

    @staticmethod
    def quiet(func):
        def silenced(*args, **kwargs):
            logging.disable()
            try:
                return func(*args, **kwargs)
            finally:
                logging.disable(logging.NOTSET)
        return silenced

    @classmethod
    def traced(cls, func):
        def run(*args, **kwargs):
            print(cls, func)
            return func(*args, **kwargs)
        return run
