import asyncio


async def spawn(coro):
    asyncio.get_running_loop().create_task(coro)


async def spawn_on(coro):
    loop = asyncio.get_running_loop()
    loop.create_task(coro)


def start(coro):
    loop = asyncio.new_event_loop()
    loop.create_task(coro)
    loop.run_forever()
