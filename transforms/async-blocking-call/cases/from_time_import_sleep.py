from asyncio import gather, run
from time import sleep


async def job(n):
    sleep(n)
    return n


async def main():
    return await gather(job(1), job(2))


run(main())
