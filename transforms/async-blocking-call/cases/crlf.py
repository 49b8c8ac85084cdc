import asyncio
import time


async def wait():
    time.sleep(
        1,  # a second
    )
