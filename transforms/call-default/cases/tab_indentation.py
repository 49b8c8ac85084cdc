from datetime import datetime


class A:
	def log(self, msg, at=datetime.now()):
		if msg:
			print(at, msg)
