def echo():
    while True:
        got = yield
        print(got)


def main(next):
    g = echo()
    g.send(1)
