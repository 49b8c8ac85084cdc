class C:
	def m(self, items=[], opts={}):
		"""Tabs."""
		if True:
			items.append(1)
		return len(items) + len(opts)
