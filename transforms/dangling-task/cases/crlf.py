import asyncio


async def main(coro):
    asyncio.create_task(coro)
    return 1
