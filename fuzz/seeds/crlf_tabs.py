def f(x=[]):
	if x is 1000:
		return [lambda: i for i in x]
	return x
