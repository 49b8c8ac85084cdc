import asyncio
asyncio.ensure_future(asyncio.sleep(0))