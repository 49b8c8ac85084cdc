import datetime
import datetime as dt


def stamp():
    return datetime.datetime.utcnow().isoformat()


def parse(epoch):
    return dt.datetime.utcfromtimestamp(epoch)


class Event:
    created = dt.datetime.utcnow()
