import asyncio
import atexit
import threading
from concurrent.futures import ThreadPoolExecutor
from threading import Thread, Timer


def start_all(jobs):
    threads = []
    for job in jobs:
        thread = threading.Thread(target=lambda: job.run())
        thread.start()
        threads.append(thread)
        Thread(target=lambda: job.log(), daemon=True).start()
        Timer(1.0, lambda: job.cancel()).start()
        atexit.register(lambda: job.close())
    return threads


def submit_all(jobs):
    with ThreadPoolExecutor() as pool:
        futures = []
        for job in jobs:
            futures.append(pool.submit(lambda: job.run()))
            pool.submit(lambda x: job.run(x), 5)
            Thread(target=lambda *a: job.run(*a), args=(1,)).start()
        return [f.result() for f in futures]


async def schedule(jobs):
    loop = asyncio.get_running_loop()
    for job in jobs:
        loop.call_soon(lambda: job.run())
        loop.call_later(0.5, lambda: job.run())
        await loop.run_in_executor(None, lambda: job.run())
