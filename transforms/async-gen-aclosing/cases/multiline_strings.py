async def get_items(store):
    yield store


async def report(store):
    async for item in get_items(store):
        text = """first line
second line
    indented line"""
        formatted = f"""{item}
  value: {item!r}
"""
        query = "a \
b"
        if text:
            return formatted + query
