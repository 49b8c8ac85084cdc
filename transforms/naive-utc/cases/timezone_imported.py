from datetime import datetime, timezone as tz


def stamp():
    return datetime.utcnow()


def utc_aware():
    # Already made aware right away: no `.replace(tzinfo=None)` in between.
    return datetime.utcnow().replace(tzinfo=tz.utc)


def replaced_otherwise():
    return datetime.utcnow().replace(microsecond=0)
