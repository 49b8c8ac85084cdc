import asyncio
import time


async def pause():
    time.sleep(1)  # noqa: ASYNC251
    time.sleep(2)  # pitfix: ignore[async-blocking-call]
    time.sleep(3)
