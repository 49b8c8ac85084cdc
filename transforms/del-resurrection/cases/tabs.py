_bin = []


class Tabbed:
	def __del__(self):
		# Tabs indent this file.
		_bin.append(self)
