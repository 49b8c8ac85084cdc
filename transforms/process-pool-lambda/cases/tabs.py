from multiprocessing import Pool


def main(paths, encoding):
	# Tabs indent this file.
	with Pool() as pool:
		sizes = pool.map(lambda p: len(open(p, encoding=encoding).read()), paths)
	return sizes


def nested(paths):
	def size(p):
		if p:
			return len(p)
		return 0

	with Pool() as pool:
		return pool.map(size, paths)
