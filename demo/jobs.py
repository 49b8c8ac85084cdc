"""Background jobs: an event loop that blocks, tasks that vanish, closures that see too late."""

import asyncio
import time
from concurrent.futures import ProcessPoolExecutor


def logged(func):
    def wrapper(*args, **kwargs):
        print("running", func.__name__)
        return func(*args, **kwargs)
    return wrapper


async def notify(user):
    time.sleep(0.5)  # every other task of the loop waits
    print("notified", user)


async def fetch_pages(source):
    for page in range(3):
        yield await source.read(page)


async def first_non_empty(source):
    async for page in fetch_pages(source):
        if page:
            break
    return page


@logged
async def handle(user):
    asyncio.create_task(notify(user))
    return "queued"


def resize_all(images, width):
    with ProcessPoolExecutor() as pool:
        return list(pool.map(lambda image: image.resize(width), images))


def make_retry_hooks(delays):
    hooks = []
    for delay in delays:
        hooks.append(lambda: time.sleep(delay))
    return hooks


def running_total():
    total = 0
    while True:
        total += yield total


totals = running_total()
totals.send(10)
