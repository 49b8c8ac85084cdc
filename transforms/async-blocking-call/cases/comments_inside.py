# pitfix-args: --unsafe-fixes
import asyncio
import subprocess

import requests


async def report(url, payload):
    requests.post(  # send it
        url,
        json=payload,  # the body
        timeout=10,
    )
    result = (subprocess.run)(["ls"], capture_output=True).stdout
    first = requests.get(url).json()["items"][0]
    return result, first
