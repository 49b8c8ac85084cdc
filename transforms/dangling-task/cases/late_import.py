import os

print(os.name)
import asyncio


async def main(coro):
    asyncio.create_task(coro)
