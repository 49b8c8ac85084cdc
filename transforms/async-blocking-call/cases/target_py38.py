# pitfix-args: --unsafe-fixes --target-version py38
import asyncio
import time
import subprocess


async def build():
    time.sleep(1)
    subprocess.run(["make"])
