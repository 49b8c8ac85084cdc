from datetime import datetime


def a(at=datetime.now()):  # noqa: B008
    return at


def b(at=datetime.now()):  # pitfix: ignore[call-default]
    return at


def c(at=datetime.now()):  # noqa: E501
    return at
