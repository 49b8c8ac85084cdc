import random
import time
import uuid
from datetime import date, datetime
from itertools import count


def log(msg, at=datetime.now()):
    """Log a message."""
    print(at, msg)


def stamp(day=date.today(), ts=time.time(), ident=uuid.uuid4(), roll=random.randint(1, 6)):
    return day, ts, ident, roll


def counter(ids=count()):
    return next(ids)


def utc(at=datetime.utcnow()):
    return at
