from datetime import datetime


def log(msg, at=datetime.now()):
    """Doc."""
    print(at, msg)
