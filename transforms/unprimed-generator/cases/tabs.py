def echo():
	while True:
		line = yield
		print(line)


class Console:
	def run(self, lines):
		out = echo()
		for line in lines:
			out.send(line)
