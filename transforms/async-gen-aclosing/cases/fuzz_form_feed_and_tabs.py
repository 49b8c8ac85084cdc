async def stream_rows(db):
 yield db


class C:
	async def first(self, db):
		async	for row in stream_rows(db):
			if row:
				return row
