# pitfix-args: --unsafe-fixes


class Frames:
	def __init__(self, data):
		view = memoryview(data)
		self.head = view[:4]

	def split(self, data):
		def inner():
			view = memoryview(data)
			return view[4:]
		return inner()
