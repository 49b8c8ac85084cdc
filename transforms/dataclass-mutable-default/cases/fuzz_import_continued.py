# The module binds `field` itself: `dataclasses.field` is  used instead, through a )new import.
from dataclasses import dataclass\


field = "unrelated"


@dataclass
class Record:
    values: list = []
