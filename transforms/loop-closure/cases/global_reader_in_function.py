# `use` reads the module-level `handler` through `global`: the lambda outlives the loop.
for i in range(3):
    handler = lambda: i
    def use():
        global handler
        handler()
