async def ticks(clock):
    yield clock


async def wait_for(clock, deadline):
    async for tick in ticks(clock):
        if tick >= deadline:
            break
    else:
        # the clock stopped first
        return False
    return True
