# pitfix-args: --unsafe-fixes
import time
from asyncio import (
    gather,
    run,
)
from subprocess import check_call


async def job(n):
    time.sleep(n)
    check_call(["true"])
    return n


async def main():
    return await gather(job(1), job(2))


run(main())
