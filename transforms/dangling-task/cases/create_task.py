"""Request handlers."""
import asyncio


async def audit(request):
    await asyncio.sleep(0)


async def handle(request):
    asyncio.create_task(audit(request))
    return "ok"


async def handle_twice(request):
    asyncio.create_task(audit(request))
    if request:
        asyncio.ensure_future(audit(request))
