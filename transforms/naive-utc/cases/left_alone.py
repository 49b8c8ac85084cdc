import arrow
from datetime import datetime, timezone
from datetime import *  # noqa: F403
import pendulum


class Clock:
    def utcnow(self):
        return 0


def fine():
    aware = datetime.now(timezone.utc)
    local = datetime.now()
    also = datetime.fromtimestamp(0, timezone.utc)
    other = arrow.utcnow()
    third = pendulum.utcnow()
    mine = Clock().utcnow()
    return aware, local, also, other, third, mine


def shadowed(datetime):
    return datetime.utcnow()


def star():
    return date.today()
