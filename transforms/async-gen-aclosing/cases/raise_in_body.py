async def fetch_pages(client):
    yield client


async def check(client):
    async for page in fetch_pages(client):
        if not page:
            raise ValueError("empty page")
