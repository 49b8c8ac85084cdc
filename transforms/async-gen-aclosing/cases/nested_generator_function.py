async def outer(items):
    async def stream_items():
        try:
            for item in items:
                yield item
        finally:
            print("closed")

    async for item in stream_items():
        if item:
            return item
