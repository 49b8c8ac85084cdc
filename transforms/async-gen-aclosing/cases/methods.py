class Repo:
    async def iter_rows(self):
        yield 1

    @classmethod
    async def iter_all(cls):
        yield 2

    async def first(self):
        async for row in self.iter_rows():
            return row

    @classmethod
    async def first_all(cls):
        async for row in cls.iter_all():
            return row
