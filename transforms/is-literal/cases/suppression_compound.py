# A comment on the first line of a compound statement covers that line (and the lines it
# continues onto), not the clauses and bodies below it.
if a is 1:  # pitfix: ignore
    pass
elif a is 2:
    pass
else:
    b = a is 3

match command:  # noqa: F632
    case "go" if speed is 4:
        pass

while x is 5:  # noqa
    x = x is 6

try:  # pitfix: ignore[is-literal]
    pass
except (TypeError if x is 7 else ValueError):
    pass


@decorator(x is 8)  # noqa
def f(a=x is 9):
    return a


with (
    open(x is 10) as handle,  # noqa
    open(x is 11) as other,
):
    pass
