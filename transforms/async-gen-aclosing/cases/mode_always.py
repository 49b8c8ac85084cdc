async def numbers(n):
    for i in range(n):
        yield i


async def total(n):
    result = 0
    async for i in numbers(n):
        result += i
    return result
