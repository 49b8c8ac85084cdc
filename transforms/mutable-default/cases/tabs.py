class C:
	def m(self, items=[], opts={}):
		"""Tabs."""
		if True:
			items.append(1)
		opts.clear()
		return len(items) + len(opts)
