import re


def f(text):
	if text:
		return re.sub(
			"a", "b", text,
			re.I,
		)
	return re.split(",", text, re.M)
