# pitfix-args: --target-version py39
from datetime import datetime
from typing import Optional


def log(msg: str, at: datetime = datetime.now()) -> None:
    print(at, msg)


def log2(msg: str, at: Optional[datetime] = datetime.now()) -> None:
    print(at, msg)


def log3(msg: str, at: "datetime" = datetime.now()) -> None:
    print(at, msg)
