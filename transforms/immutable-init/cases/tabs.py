class Port(int):
	def __init__(self, value, *, name="port"):
		"""Tab-indented."""
		value = int(value)
		if value < 0:
			return
		# attributes
		self.name = name
