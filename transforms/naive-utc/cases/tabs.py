from datetime import datetime


class Job:
	def start(self):
		if self.ready:
			self.started = datetime.utcnow()
		return datetime.utcfromtimestamp(
			self.epoch
		)
