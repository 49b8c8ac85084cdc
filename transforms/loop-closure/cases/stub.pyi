handlers: list
for name in names:
    handlers.append(lambda: name)
