from concurrent.futures import ProcessPoolExecutor


class Outer:
    class Inner:
        def __private(self, rows, n):
            # The new name drops the underscores: `__private` would be mangled in a class.
            with ProcessPoolExecutor() as ex:
                return list(ex.map(lambda r: r * n, rows))

        @staticmethod
        def deep(rows):
            def level_one(extra):
                with ProcessPoolExecutor() as ex:
                    return [ex.submit(lambda: r + extra) for r in rows]

            return level_one(1)


def comprehension(rows):
    with ProcessPoolExecutor() as ex:
        return [ex.submit(lambda: (row, i)) for i, row in enumerate(rows)]


def _task(x):
    return x


def _comprehension_task(x):
    return x


def collide(rows):
    # `_collide_task` is taken: the new function gets a suffix.
    _collide_task = None
    with ProcessPoolExecutor() as ex:
        a = ex.map(lambda r: r + 1, rows)
        b = ex.map(lambda r: r + 2, rows)
        return _collide_task, list(a), list(b)
