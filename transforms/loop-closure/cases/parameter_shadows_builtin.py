# A parameter named `sorted` is not the builtin: an unknown call may keep the lambda.
def f(items, keep, sorted):
    for x in items:
        keep.append(sorted(lambda: x))
