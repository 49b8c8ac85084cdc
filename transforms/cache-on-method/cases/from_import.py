from functools import cache, lru_cache


class Config:
    @property
    @cache
    def values(self):
        return {}

    @lru_cache(maxsize=32)
    def lookup(self, key):
        return self.values.get(key)
