async def numbers(n):
    for i in range(n):
        yield i


async def total(n):
    result = 0
    async for i in numbers(n):
        if i % 2:
            continue
        for j in range(i):
            if j > 3:
                break
        result += i
    return result


async def helper_inside(n):
    async for i in numbers(n):
        def inner():
            return i
        inner()
