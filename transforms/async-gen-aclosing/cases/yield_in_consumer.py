async def stream_rows(db):
    yield db


async def relay(db):
    async for row in stream_rows(db):
        yield row * 2
