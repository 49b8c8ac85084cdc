from asyncio import create_task, ensure_future, sleep


async def tick():
    await sleep(1)


async def main():
    create_task(tick())
    ensure_future(tick())
