import asyncio

_background_tasks = []
task = "global"


async def main(coro):
    asyncio.create_task(coro)

    def report():
        return task
    return report
