from datetime import datetime
from pytz import timezone


def stamp():
    # The module's `timezone` is pytz's: no import can be added.
    return datetime.utcnow()
