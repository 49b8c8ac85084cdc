def sink():
    while True:
        item = yield
        print(item)


def start(gen):
    next(gen)
    return gen


def main():
    s = sink()
    start(s)
    s.send(1)

    t = sink()
    t.send(2)  # the first use: primed nowhere

    u = sink()

    def push(x):
        u.send(x)

    push(3)


global_sink = sink()


def feed(x):
    global_sink.send(x)
