import os
import datetime as dtm
from datetime import datetime as DateTime


def stamp():
    return DateTime.utcnow()
