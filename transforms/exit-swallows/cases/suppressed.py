class Quiet:
    def __exit__(self, exc_type, exc, tb):
        return True  # pitfix: ignore[exit-swallows]


class Other:
    def __exit__(self, exc_type, exc, tb):
        return True  # pitfix: ignore[missing-wraps]
