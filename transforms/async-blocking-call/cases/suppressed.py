import asyncio
import subprocess
import time


async def pause():
    time.sleep(1)  # noqa: ASYNC251
    time.sleep(2)  # pitfix: ignore[async-blocking-call]
    time.sleep(3)


async def run_tool():
    done = subprocess.run(  # noqa: ASYNC221
        ["make"],
        check=True,
    )
    return done
