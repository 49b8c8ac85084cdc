from asyncio import create_task


async def main(coro):
    create_task(coro)
