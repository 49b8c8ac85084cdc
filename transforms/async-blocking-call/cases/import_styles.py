# pitfix-args: --unsafe-fixes
import asyncio as aio
import subprocess as sp
import time as t
from time import sleep as pause


async def a():
    t.sleep(1)
    pause(2)
    sp.call(["true"])
