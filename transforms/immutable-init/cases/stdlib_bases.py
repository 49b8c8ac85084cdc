import datetime
import fractions as fr
from datetime import date, timedelta
from decimal import Decimal


class Money(Decimal):
    def __init__(self, value, *, currency="EUR"):
        self.currency = currency


class Share(fr.Fraction):
    def __init__(self, numerator, denominator, *, owner=None):
        self.owner = owner


class Birthday(date):
    def __init__(self, year, month, day, *, person):
        self.person = person


class Alarm(datetime.time):
    def __init__(self, hour, minute, *, label=""):
        self.label = label


class Deadline(datetime.datetime):
    def __init__(self, year, month, day, hour, *, task):
        self.task = task


class Timeout(timedelta):
    def __init__(self, days, *, retry=False):
        self.retry = retry
