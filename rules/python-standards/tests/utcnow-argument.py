import datetime as dt
from datetime import datetime, timezone

# expect: python-standards/utcnow-argument
a = dt.datetime.utcnow(dt.timezone.utc).strftime("%Y-%m-%d")
# expect: python-standards/utcnow-argument
b = datetime.utcnow(tz=timezone.utc)
# expect: python-standards/utcnow-argument
c = datetime.utcnow(None)
# ok: python-standards/utcnow-argument
d = datetime.utcnow()
# ok: python-standards/utcnow-argument
e = datetime.now(timezone.utc)


class Clock:
    def utcnow(self, tz):
        return tz


# ok: python-standards/utcnow-argument
f = Clock().utcnow(timezone.utc)
