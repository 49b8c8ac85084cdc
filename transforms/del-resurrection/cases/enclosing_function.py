def make_class():
    graveyard = []
    latest = None

    class Ghost:
        def __del__(self):
            nonlocal latest
            latest = self
            graveyard.append(self)

    return Ghost
