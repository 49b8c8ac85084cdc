"""Reports."""
import functools


def load(path):
    return [path]


class Report:
    def __init__(self, path):
        self.path = path

    @property
    @functools.cache
    def rows(self):
        return load(self.path)

    @property
    @functools.lru_cache(maxsize=None)
    def total(self):
        return len(self.rows)

    @property
    @functools.lru_cache(None)
    def title(self):
        """The first row."""
        return self.rows[0]
