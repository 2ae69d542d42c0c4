import datetime as dt
from datetime import datetime, timezone

# expect: python-standards/naive-datetime
a = datetime.now()
# ok: python-standards/naive-datetime
b = datetime.utcnow()  # the utcnow rule's finding
# ok: python-standards/naive-datetime
c = datetime.now(timezone.utc)
# ok: python-standards/naive-datetime
d = datetime.now(tz=timezone.utc)

# ok: python-standards/naive-datetime
copyright = f"{datetime.now().year} The Authors"
# ok: python-standards/naive-datetime
elapsed = datetime.now() - started
# ok: python-standards/naive-datetime
local = datetime.now().astimezone()
