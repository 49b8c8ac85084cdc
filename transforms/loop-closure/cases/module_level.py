import atexit

names = ["a", "b"]
greeters = {}
for name in names:
    greeters[name] = lambda: "hello " + name

for name in names:
    atexit.register(lambda: print("bye", name))

for name in names:
    shout = lambda: name.upper()
    print(shout())

last = None
for name in names:
    last = lambda: name
print(last())
