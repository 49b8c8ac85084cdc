import asyncio


async def main(coro, ready):
    # Reported, not fixed: the statement shares its line.
    if ready: asyncio.create_task(coro)
    print("go"); asyncio.ensure_future(coro)


class Service:
    asyncio.ensure_future(asyncio.sleep(0))
