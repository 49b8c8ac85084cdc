import asyncio

_background_tasks: set[asyncio.Task] = set()


async def main(coro):
    task = asyncio.create_task(coro)
    _background_tasks.add(task)
    task.add_done_callback(_background_tasks.discard)
    asyncio.create_task(coro)
