import asyncio


async def consume(stream):
    tasks = []
    async for message in stream:
        tasks.append(asyncio.ensure_future(asyncio.sleep(0, message)))
        asyncio.get_running_loop().call_soon(lambda: print(message))

        async def handle():
            await asyncio.sleep(0)
            return message

        tasks.append(asyncio.create_task(handle()))
        await handle()
    return await asyncio.gather(*tasks)
