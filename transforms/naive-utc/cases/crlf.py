import datetime


def stamp():
    return datetime.datetime.utcnow()


def parse(t):
    return datetime.datetime.utcfromtimestamp(t)
