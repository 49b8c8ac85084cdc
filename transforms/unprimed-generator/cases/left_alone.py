def numbers():
    yield 1
    yield 2


def echo():
    while True:
        got = yield
        print(got)


def plain():
    return [1, 2]


async def agen():
    value = yield 1
    print(value)


def main(sock, data):
    n = numbers()
    n.send(1)  # numbers never reads what yield gives back

    e = echo()
    e.send(None)

    p = plain()
    p.send(1)

    sock.send(data)

    e2 = echo()
    e2.send(*data)

    e3 = make_echo()
    e3.send(1)
    return n, e, p, e2, e3


def run_loop(get_events, limit=None):
    gen = echo()
    # The first send is send(None), which starts it.
    next_send = None
    while True:
        try:
            timeout = gen.send(next_send)
        except StopIteration:
            break
        next_send = get_events(timeout)
    first = echo()
    first.send(limit)
    other = echo()
    other.send(limit and 1)
