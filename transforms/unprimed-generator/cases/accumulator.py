def accumulator():
    total = 0
    while True:
        value = yield total
        total += value


gen = accumulator()
# TRAP: TypeError, the generator has not been primed
gen.send(10)
gen.send(5)
