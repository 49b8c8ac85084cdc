# A `match` capture in the loop body rebinds `a` on each iteration, like an assignment.
def f(items, keep):
    for item in items:
        match item:
            case (a, b):
                pass
        keep.append(lambda: a)
