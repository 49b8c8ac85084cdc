import asyncio


async def main(coro):
    # Fire and forget.
    asyncio.create_task(  # the audit log
        coro,  # the work
        name="audit",
    )  # done in the background
    return 1
