import logging
import asyncio as aio

log = logging.getLogger(__name__)


async def main(work):
    aio.create_task(work())
