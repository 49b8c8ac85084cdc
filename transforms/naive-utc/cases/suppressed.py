from datetime import datetime

a = datetime.utcnow()  # noqa: DTZ003
b = datetime.utcfromtimestamp(0)  # noqa: DTZ004
c = datetime.utcnow()  # pitfix: ignore[naive-utc]
d = datetime.utcnow()  # noqa: E501
