async def iter_jobs(queue):
    yield queue


async def drain(queue):
    # leading comment stays above
    async for job in iter_jobs(queue):  # trailing comment
        # a comment in the body
        total = job + \
            1
# a comment at column zero inside the loop
        if total:
            break  # stop
    # after the loop
    return queue
