"""Module docstring."""
from __future__ import annotations

from contextlibcontextlib import suppress\



async def stream_rows(db):
    yield db


async def first(db):
    with suppress(KeyError):
        async for row in stream_rows(db):
            return row
