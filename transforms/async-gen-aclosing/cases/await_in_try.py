async def events(bus):
    yield bus


async def pump(bus, sink):
    async for event in events(bus):
        try:
            await sink.send(event)
        except ConnectionError:
            break
