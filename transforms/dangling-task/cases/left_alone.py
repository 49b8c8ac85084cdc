import asyncio

tasks = []


async def kept(coro, tg: asyncio.TaskGroup, other):
    task = asyncio.create_task(coro)
    await asyncio.create_task(coro)
    tasks.append(asyncio.create_task(coro))
    tg.create_task(coro)
    async with asyncio.TaskGroup() as group:
        group.create_task(coro)
    other.loop.create_task(coro)
    asyncio.gather(coro)
    return asyncio.create_task(coro), task


def loop_from_elsewhere(loop, coro):
    loop.create_task(coro)


def rebound(coro, make):
    loop = asyncio.get_event_loop()
    loop = make()
    loop.create_task(coro)


class Scheduler:
    def create_task(self, coro):
        return coro

    def run(self, coro):
        self.create_task(coro)


class Service:
    def __init__(self):
        self.loop = asyncio.get_running_loop()

    def start(self, coro):
        # An attribute's loop: not shown to be an event loop here.
        self.loop.create_task(coro)
        asyncio.get_running_loop().create_task(coro).add_done_callback(print)
