from concurrent.futures import ProcessPoolExecutor


def main(values, k):
    with ProcessPoolExecutor() as ex:
        return list(ex.map(lambda v: v * k, values))


def nested(values):
    def work(v):
        return v + 1

    with ProcessPoolExecutor() as ex:
        return list(ex.map(work, values))
