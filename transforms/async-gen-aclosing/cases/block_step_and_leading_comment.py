# The new block takes the loop body's own step (four spaces) though the file's first block uses two;
# the import goes above the comment that leads the first statement, not between them.

# Rows come one at a time.
async def stream_rows(db):
  yield db


async def first(db):
    async for row in stream_rows(db):
        if row:
            return row
