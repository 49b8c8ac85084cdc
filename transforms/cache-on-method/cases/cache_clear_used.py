import functools


class Report:
    @property
    @functools.cache
    def rows(self):
        return []


def reset():
    Report.rows.fget.cache_clear()
