# pitfix-args: --unsafe-fixes
import asyncio
import time

import requests


async def stream(url, chunks):
    with requests.get(url, stream=True) as response:
        for line in response.iter_lines():
            print(line)
    requests.post(url, data=(c.encode() for c in chunks))
    total = sum(time.sleep(0) or 1 for _ in chunks)
    return total


async def shadowed(url):
    asyncio = None
    time.sleep(1)
    return asyncio
