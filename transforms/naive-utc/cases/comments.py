from datetime import datetime


def parse(row):
    return datetime.utcfromtimestamp(  # seconds since the epoch
        row["ts"]  # from the database
    )


def stamp():
    return datetime.utcnow(
        # nothing to pass
    )


def chained():
    return (
        datetime
        .utcnow()  # the time of the request
        .isoformat()
    )
