# Only the default's text changes: comments before, after and inside it stay.
from dataclasses import dataclass, field


@dataclass
class Annotated:
    # the items
    items: list = []  # start empty
    names: list = [  # nothing yet
    ]
    values: list = [
        1,  # first
        2,
    ]  # after
    grouped: dict = (
        {}  # inside parentheses
    )
    data: dict = dict(  # a call with a comment
    )
