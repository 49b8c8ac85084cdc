import time

from anyio import run, sleep as asleep


async def tick():
    time.sleep(0.5)
    await asleep(0)


run(tick)
