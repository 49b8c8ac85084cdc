from contextlib import aclosing


async def stream_rows(db):
    yield db


async def first(db):
    async with aclosing(stream_rows(db)) as rows:
        async for row in rows:
            return row
