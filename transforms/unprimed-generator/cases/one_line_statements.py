def echo():
    while True:
        print((yield))


def main(flag):
    g = echo(); g.send("a")
    if flag: h = echo()
    h.send("b")
    while flag: w = echo(); w.send(0); break
    k = echo()  # made here
    k.send("c")
