async def stream_records(db):
    try:
        for row in db:
            yield row
    finally:
        db.close()


async def first_done(db):
    async for record in stream_records(db):
        if record["status"] == "done":
            break
    return record
