def check(x):
	assert (x > 0, "tab")
	if x:
		assert (
			x > 1,  # why
			"tabs across lines",
		)
	return x
