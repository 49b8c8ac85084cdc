import asyncio


class Worker:
	async def run(self, coro):
		if coro:
			asyncio.create_task(
				coro
			)
		return self
