class Transaction:
    def __enter__(self):
        self.state = "modified"
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()
        return True  # silently swallows all exceptions


class Session:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        await self.close()
        return True


class Truthy:
    def __exit__(self, *args):
        return 1
