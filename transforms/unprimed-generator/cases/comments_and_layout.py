def scaler(factor):
    while True:
        value = yield
        print(value * factor)


def main():
    s = scaler(  # build it
        factor=3,  # triple
    )  # done
    # now drive it
    s.send(1)
    t = \
        scaler(2)
    t.send(2)
