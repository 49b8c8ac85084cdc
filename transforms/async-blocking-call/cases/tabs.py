import asyncio
import time


class Poller:
	async def poll(self):
		while True:
			time.sleep(1)  # wait
			if self.done:
				break
