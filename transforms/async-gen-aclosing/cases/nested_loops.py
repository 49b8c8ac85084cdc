async def gen_rows(table):
    yield table


async def gen_cells(row):
    yield row


async def scan(tables):
    for table in tables:
        async for row in gen_rows(table):
            async for cell in gen_cells(row):
                if cell is None:
                    break
            if row is None:
                return None
    return tables
