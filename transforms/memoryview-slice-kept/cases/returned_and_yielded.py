# pitfix-args: --unsafe-fixes


def header(data):
    return memoryview(data)[:12]


def parse_packet(data: bytes):
    view = memoryview(data)
    return view[0:12], view[12:1024], view[1024:1028]


def chunks(buffer, size):
    view = memoryview(buffer)
    for start in range(0, len(view), size):
        yield view[start:start + size]


def all_chunks(buffer, size):
    view = memoryview(buffer)
    return [view[i:i + size] for i in range(0, len(view), size)]


def by_name(data):
    view = memoryview(data)
    return {"head": view[:4], "tail": view[-4:]}


def every_other(data):
    return memoryview(data)[::2]
