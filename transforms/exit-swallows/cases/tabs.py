class Tabbed:
	def __exit__(self, exc_type, exc, tb):
		if exc_type:
			self.log(exc)
		return True
