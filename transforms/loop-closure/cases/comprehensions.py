squares = [lambda: i * i for i in range(3)]
unique = {lambda: i for i in range(3)}
table = {i: lambda: i for i in range(3)}
lazily = (lambda: i for i in range(3))
pairs = [lambda: (a, b) for a in "xy" for b in "12"]
nested = [[lambda: (row, col) for col in range(2)] for row in range(2)]

# Used inside the comprehension: nothing outlives an iteration.
called = [(lambda: i)() for i in range(3)]
kept = [i for i in range(3) if (lambda: i)()]
ordered = [sorted(xs, key=lambda x: x - i) for i in range(3)]

# A list comprehension makes all its lambdas before anything calls them.
first = [f() for f in [lambda: j for j in range(2)]]

# The first iterable is evaluated once, outside the comprehension's loop.
for k in range(2):
    once = [f() for f in (lambda: k,)]
