# `field` imported under another name is reused as it is.
from dataclasses import dataclass as record, field as fld


@record
class Team:
    members: list = []
    scores: dict = fld(default={}, repr=False)
