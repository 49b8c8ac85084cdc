# pitfix-args: --target-version py38
import asyncio


async def main(coro):
    asyncio.create_task(coro)
