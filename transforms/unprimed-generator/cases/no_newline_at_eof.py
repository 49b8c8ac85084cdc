def echo():
    while True:
        got = yield
        print(got)


def main():
    g = echo()
    g.send(1); return g