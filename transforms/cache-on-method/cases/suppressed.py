import functools


class Job:
    @property
    @functools.cache  # noqa: B019
    def a(self):
        return 1

    @property
    @functools.cache  # pitfix: ignore[cache-on-method]
    def b(self):
        return 1

    @functools.lru_cache  # noqa: RUF006
    def c(self, x):
        return x
