def averager():
    total, count, average = 0, 0, None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count


def mean(values):
    avg = averager()
    result = None
    for value in values:
        result = avg.send(value)
    return result


def mean_of_pairs(pairs):
    for a, b in pairs:
        avg = averager()
        avg.send(a)
        yield avg.send(b)


def mean_or_zero(first=None):
    avg = averager()
    return avg.send(first or 0)
