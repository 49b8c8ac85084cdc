# Windows line endings stay.
handlers = []
for name in names:
    def greet(
        greeting="hi",
    ):
        return greeting + name

    handlers.append(greet)
    handlers.append(lambda: name)
