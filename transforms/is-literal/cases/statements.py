# The comparison in every kind of statement and expression position.
assert x is 1, "message"
assert x is not "a", f"{x is 2}"
while x is not 0:
    x -= 1
for item in (y for y in items if y is 4):
    pass
with context(x is 5) as value:
    pass
try:
    pass
except (TypeError if x is 6 else ValueError):
    pass
match command:
    case "go" if speed is 7:
        pass
    case _:
        pass
if (flag := x is 8):
    pass
value = d[x is 9]
value = call(key=x is 10, *[x is 11], **{"k": x is 12})
value = items[x is 13 :]
value = x is 14 if cond else x is not 15
del d[x is 16]


async def run():
    await wait(x is 17)
    return [x async for x in gen() if x is 18]


def generator():
    yield x is 19
    return x is 20
