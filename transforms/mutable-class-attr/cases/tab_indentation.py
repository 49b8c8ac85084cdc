# pitfix-args: --unsafe-fixes
# Tab indentation: new lines use the tabs of their block.
class Cart:
	items = []

	def add(self, item):
		self.items.append(item)


class Shop:
	orders = {}

	def __init__(self, name):
		self.name = name

	def order(self, key, value):
		self.orders[key] = value


Cart(), Shop("s")
