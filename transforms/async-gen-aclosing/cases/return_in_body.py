async def read_lines(path):
    yield path


async def find(path, needle):
    """Return the first line holding needle."""
    async for line in read_lines(path):
        if needle in line:
            return line
    return None
