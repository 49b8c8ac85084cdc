from datetime import datetime


def log(
    msg,
    at=datetime.now(  # when
        # local time
    ),  # comment after
    level=(datetime.today()),
):
    # leading comment of the body
    print(at, msg, level)


def one_liner(at=datetime.now()): return at


class Logger:
    def log(self, msg, at=datetime.now()):
        '''Docstring.'''
        if msg is None:
            return
        print(at, msg)
