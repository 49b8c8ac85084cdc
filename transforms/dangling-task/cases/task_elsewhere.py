import asyncio


async def first(coro):
    task = asyncio.create_task(coro)
    await task


async def second(coro):
    # `task` of another function is no clash.
    asyncio.create_task(coro)
