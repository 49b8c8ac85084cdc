# pitfix-args: --unsafe-fixes
# `# noqa: RUF012` (Ruff's code) and pitfix's own comment keep the attribute as it is.
class Cart:
    items = []  # noqa: RUF012
    tags = set()  # pitfix: ignore[mutable-class-attr]
    extra = []  # noqa: B006

    def add(self, item):
        self.items.append(item)
        self.tags.add(item)
        self.extra.append(item)


Cart()
