# pitfix-args: --unsafe-fixes
import time


async def handler(request):
    time.sleep(1)
    return request
