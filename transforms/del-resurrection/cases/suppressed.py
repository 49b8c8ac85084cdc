_bin = []


class Intentional:
    def __del__(self):
        _bin.append(self)  # pitfix: ignore[del-resurrection]
