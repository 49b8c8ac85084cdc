from datetime import datetime
stamp = datetime.utcnow()