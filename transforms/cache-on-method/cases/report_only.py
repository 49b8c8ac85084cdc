import functools
from functools import lru_cache


class Client:
    @functools.lru_cache
    def get(self, url):
        return url

    @functools.cache
    def parse(self, text):
        return text

    @lru_cache(maxsize=128)
    def fetch(self, url):
        return url

    @property
    @lru_cache()
    def bounded(self):
        return 1

    @lru_cache(maxsize=None)
    @property
    def wrong_order(self):
        return 1

    @property
    @functools.cache
    @functools.wraps(get)
    def three(self):
        return 1

    async def nested(self):
        @functools.cache
        def helper(x):
            return x
        return helper(1)
