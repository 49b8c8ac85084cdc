import functools


class Job:
    @property  # read often
    @functools.cache  # computed once
    def spec(self):
        return {}

    @property
    # the cache keeps it
    @functools.lru_cache(
        maxsize=None,  # forever
    )
    def other(self):
        return {}
