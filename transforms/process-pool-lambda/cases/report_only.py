from concurrent.futures import ProcessPoolExecutor


class Resizer:
    scale = 2

    def run(self, images):
        with ProcessPoolExecutor() as ex:
            return list(ex.map(lambda im: im * self.scale, images))

    def parent(self, images):
        with ProcessPoolExecutor() as ex:
            return list(ex.map(lambda im: super().resize(im), images))


def counter(items):
    count = 0

    def bump(x):
        nonlocal count
        count += 1
        return x

    with ProcessPoolExecutor() as ex:
        return list(ex.map(bump, items))


def local_import(items):
    import json

    with ProcessPoolExecutor() as ex:
        return list(ex.map(lambda s: json.loads(s), items))


def local_helper(items):
    def clean(s):
        return s.strip()

    with ProcessPoolExecutor() as ex:
        return list(ex.map(lambda s: clean(s).lower(), items))


def default_reads_local(items, sep):
    with ProcessPoolExecutor() as ex:
        return list(ex.map(lambda s, sep=sep: s.split(sep), items))


def header_reads_local(items, limit):
    def cut(s, n=limit):
        return s[:n]

    with ProcessPoolExecutor() as ex:
        return list(ex.map(cut, items))


__secret = 3


class Mangled:
    def run(self, items):
        # Inside a class `__secret` means `_Mangled__secret`; at module level it would not.
        with ProcessPoolExecutor() as ex:
            return list(ex.map(lambda s: s * __secret, items))
