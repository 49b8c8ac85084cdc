# pitfix-args: --unsafe-fixes
from datetime import datetime


def stamp():
    return datetime.utcnow()


def parse(epoch):
    return datetime.utcfromtimestamp(epoch)
