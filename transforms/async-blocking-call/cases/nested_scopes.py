import asyncio
import time


def make_app():
    class Handler:
        async def get(self):
            time.sleep(0.1)

        class Inner:
            @staticmethod
            async def ping():
                time.sleep(0.2)

    async def middleware():
        def sync_helper():
            time.sleep(1)

        time.sleep(0.3)
        return sync_helper

    return Handler, middleware


async def outer():
    async def inner():
        time.sleep(0.4)

    time.sleep(0.5)
    await inner()
