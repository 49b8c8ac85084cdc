# pitfix-args: --target-version py38
"""With postponed annotations the annotation is written on Python 3.8 too."""
from __future__ import annotations

import asyncio


async def main(coro):
    asyncio.create_task(coro)
