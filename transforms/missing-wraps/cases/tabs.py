from functools import partial


def deco(func):
	def wrapper(*args, **kwargs):
		return func(*args, **kwargs)
	return wrapper


class C:
	def method(self, f):
		if f:
			def wrapped(*a, **k):
				return f(*a, **k)
			return wrapped
		return f
