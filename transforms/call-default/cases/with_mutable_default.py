# pitfix-args: --select mutable-default
from datetime import datetime


def log(msg, tags=[], at=datetime.now()):
    tags.append(msg)
    print(at, tags)
