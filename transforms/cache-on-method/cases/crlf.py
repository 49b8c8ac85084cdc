import functools


class Job:
    @property
    @functools.cache
    def spec(self):
        return {}
