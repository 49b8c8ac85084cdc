import asyncio
import time

import requests


def sync_worker():
    time.sleep(1)
    return requests.get("https://example.org")


async def offloaded(loop):
    await loop.run_in_executor(None, time.sleep, 1)
    await asyncio.to_thread(requests.get, "https://example.org")
    await asyncio.sleep(1)


async def elsewhere():
    def later():
        time.sleep(1)

    callback = lambda: time.sleep(1)

    class Config:
        def load(self):
            return requests.get("https://example.org")

    return later, callback, Config


async def not_the_module(session, time):
    session.get("https://example.org")
    time.sleep(1)


async def loop_busy_on_purpose():
    async with asyncio.timeout(0.01):
        # Pretend the loop is busy for a while.
        time.sleep(0.1)
        await asyncio.sleep(1)
    time.sleep(0.01)  # blocks the event loop on purpose: the test needs it
