import time

import requests
import trio


async def child(url):
    time.sleep(1)
    return requests.get(url)


async def main():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child, "https://example.org")
