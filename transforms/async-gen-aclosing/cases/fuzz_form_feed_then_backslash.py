async def stream_rows(db):
    yield db

    
async def first(db):
    async for row in stream_rows(db):
\
        if row:            break
    return db
