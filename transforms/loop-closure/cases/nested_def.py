import asyncio


def only_called(items):
    out = []
    for item in items:
        def render():
            return f"<{item}>"

        out.append(render())
        print(render())
    return out


def stored(items, out):
    for item in items:
        def render():
            return f"<{item}>"

        out.append(render)


def used_after(items):
    for item in items:
        def render():
            return item

    return render


def as_key(items, rows):
    for item in items:
        def by_item(row):
            return row[item]

        rows.sort(key=by_item)


def decorated(app, items):
    for item in items:
        @app.route(f"/{item}")
        def view():
            return item


async def coroutines(items):
    tasks = []
    for item in items:
        async def send():
            await asyncio.sleep(0)
            return item

        tasks.append(send())
        await send()
    return await asyncio.gather(*tasks)


def generators(items):
    gens = []
    for item in items:
        def numbers():
            yield item

        gens.append(numbers())
    return gens
