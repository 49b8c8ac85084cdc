# pitfix-args: --unsafe-fixes


def first_record(data):
    view = memoryview(data)
    record = view[:16]
    length = len(record)
    return record, length


class Reader:
    def read(self, data):
        view = memoryview(data)
        body = view[4:]
        self.last = body


def released(data):
    view = memoryview(data)
    part = view[:4]
    result = part.tobytes()
    return part, result


def written(data):
    view = memoryview(data)
    part = view[:4]
    part[0] = 1
    return part


def rebound(data):
    view = memoryview(data)
    part = view[:4]
    part = view[4:8]
    return part


def captured(data):
    view = memoryview(data)
    part = view[:4]
    return lambda: part
