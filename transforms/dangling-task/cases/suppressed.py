import asyncio


async def main(coro):
    asyncio.create_task(coro)  # noqa: RUF006
    asyncio.create_task(coro)  # pitfix: ignore[dangling-task]
    asyncio.create_task(coro)  # noqa: B019
