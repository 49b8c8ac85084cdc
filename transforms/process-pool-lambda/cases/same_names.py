from multiprocessing import Pool


class Squares:
    def run(self, rows):
        with Pool() as pool:
            return pool.map(lambda r: r * r, rows)


class Cubes:
    def run(self, rows):
        # Same method name, another body: it gets another module-level name.
        with Pool() as pool:
            return pool.map(lambda r: r * r * r, rows)


with Pool() as pool:
    print(pool.map(lambda r: -r, range(3)))

with Pool() as pool:
    print(pool.map(lambda r: r + 1, range(3)))
