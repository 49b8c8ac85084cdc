async def stream_rows(db):
    yield db


async def first(db, rows):
    agen = None
    async for row in stream_rows(db):
        if row in rows:
            return row, agen
