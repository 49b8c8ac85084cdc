# A name the loop body assigns after the closure is rebound on every later iteration: reported; fixed when bound before the loop, never when the default would fail on the first iteration.
def counter(fs):
    i = 0
    while i < 3:
        fs.append(lambda: i)
        i += 1


def cursor(node, fs):
    while node is not None:
        fs.append(lambda: node.value)
        node = node.next


def first_assigned_after(fs):
    for i in range(3):
        fs.append(lambda: c)
        c = i


def bound_before_loop(fs):
    c = None
    for i in range(3):
        fs.append(lambda: c)
        c = i


def called_at_once(fs):
    i = 0
    while i < 3:
        show = lambda: i
        fs.append(show())
        i += 1


def leaves_after(fs):
    i = 0
    while True:
        fs.append(lambda: i)
        i += 1
        break
