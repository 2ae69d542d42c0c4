import datetime as dt
from datetime import datetime, timezone
from datetime import datetime as DT

# expect: python-standards/utcnow
a = datetime.utcnow()
# expect: python-standards/utcnow
b = dt.datetime.utcnow()
# expect: python-standards/utcnow
c = DT.utcfromtimestamp(ts)
# ok: python-standards/utcnow
d = datetime.now(timezone.utc)
# ok: python-standards/utcnow
e = datetime.fromtimestamp(ts, timezone.utc)


def test_like_check_outside_tests(self):
    with ignore_deprecation():
        # ok: python-standards/utcnow
        stamp = datetime.utcnow()
    with pytest.deprecated_call():
        # ok: python-standards/utcnow
        datetime.utcfromtimestamp(0)
