"""Timestamps for the audit log."""
from datetime import datetime, timedelta


def stamp():
    return datetime.utcnow()


def expires(ttl):
    return datetime.utcnow() + timedelta(seconds=ttl)


def parse(epoch):
    return datetime.utcfromtimestamp(epoch)


def parse_float(row):
    return datetime.utcfromtimestamp(float(row["ts"]) / 1000,)
