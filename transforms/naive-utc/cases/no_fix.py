from datetime import datetime


def splat(args):
    # Reported, not fixed: the arguments are not the one timestamp the fix moves.
    return datetime.utcfromtimestamp(*args)


def keyword():
    return datetime.utcnow(tz=None)


def local_timezone(timezone):
    # `timezone.utc` would read the parameter.
    return datetime.utcnow()
