from functools import cache


class Report:
    cached_property = None

    @property
    @cache
    def rows(self):
        return []
