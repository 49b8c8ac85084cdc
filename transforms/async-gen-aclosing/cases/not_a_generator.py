async def coroutine(db):
    return [db]


def sync_gen(db):
    yield db


class Iterable:
    def __aiter__(self):
        return self


async def first(db, source):
    async for row in source.stream():
        return row
    async for row in Iterable():
        return row
    async for row in unknown_function(db):
        return row
