def echo():
    while True:
        got = yield
        print(got)


g = echo()
g.send(1)  # pitfix: ignore[unprimed-generator]
h = echo()
h.send(2)  # pitfix: ignore
