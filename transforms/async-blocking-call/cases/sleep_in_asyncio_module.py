import asyncio
import time
from time import sleep


async def heartbeat(interval):
    while True:
        time.sleep(interval)
        print("beat")


async def backoff(attempt):
    sleep(2 ** attempt)  # exponential
    return attempt


async def settle():
    x = time.sleep(0.1) or 1
    return [time.sleep(0) for _ in range(x)]
