def echo():
    while True:
        line = yield
        print(line)


def run(lines):
    out = echo()
    out.send(lines[0])
