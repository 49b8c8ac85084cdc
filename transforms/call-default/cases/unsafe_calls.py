# pitfix-args: --unsafe-fixes
import os
import time
from datetime import datetime

from .config import load_settings


def connect(settings=load_settings()):
    return settings


def read(path=os.getcwd()):
    return path


def since(start=time.time(), end=None):
    if start is None:
        start = 0
    return start, end


def later(delay, at=datetime.fromtimestamp(time.time() + 5)):
    return at


def with_variable(limit=10, jitter=__import__("random").random()):
    return jitter


def method_call(value=make().value()):
    return value


def make():
    return None


def built_from_fresh(ident=str(uuid_module.uuid4()), stamp=int(time.time())):
    return ident, stamp


import uuid as uuid_module
