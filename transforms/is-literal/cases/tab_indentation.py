def f(x):
	if x is 1:
		return x	is	2
	elif x is	not 3:
		return (x
			is
			"tab")
	return x is not		4
