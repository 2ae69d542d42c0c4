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


def utc_from_timestamp(timestamp):
    if hasattr(dt, "timezone"):
        return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).replace(tzinfo=None)
    # ok: python-standards/utcnow
    return dt.datetime.utcfromtimestamp(timestamp)


def stamp(unixtime):
    if sys.version_info < (3, 11):
        # ok: python-standards/utcnow
        return dt.datetime.utcfromtimestamp(unixtime)
    elif unixtime > 0:
        return dt.datetime.fromtimestamp(unixtime, dt.UTC)
    if unixtime < 0:
        # expect: python-standards/utcnow
        return dt.datetime.utcfromtimestamp(0)


try:
    from datetime import UTC

    _UTC_IMPORTED = True
except ImportError:
    _UTC_IMPORTED = False


PYTHON_311 = sys.version_info >= (3, 11)


def naive_utcnow():
    # moto: the new way on the Pythons that have it, the old one where nothing is deprecated
    if PYTHON_311:
        return dt.datetime.now(UTC).replace(tzinfo=None)
    else:
        # ok: python-standards/utcnow
        return dt.datetime.utcnow()


def report_time(python_3_only):
    if python_3_only:
        # expect: python-standards/utcnow
        return dt.datetime.utcnow()
    return None


def aware_now():
    if _UTC_IMPORTED:
        return dt.datetime.now(UTC)
    # ok: python-standards/utcnow
    return dt.datetime.utcnow().replace(tzinfo=dt.timezone.utc)


def naive_now(cached):
    if cached:
        return cached
    # expect: python-standards/utcnow
    return dt.datetime.utcnow()


def expiry(utc_failed, days):
    # ok: python-standards/utcnow
    return dt.datetime.utcnow() + dt.timedelta(days=days) if utc_failed else dt.datetime.now(UTC) + dt.timedelta(days=days)


def stamp(ts, local):
    # ok: python-standards/utcnow
    return dt.datetime.utcfromtimestamp(ts) if not local else dt.datetime.fromtimestamp(ts, dt.timezone.utc)


def either(local):
    # a conditional whose other branch is naive too: no fallback, just the deprecated call
    # expect: python-standards/utcnow
    return dt.datetime.utcnow() if not local else dt.datetime.now()


try:
    from datetime import UTC as _UTC

    def utc_now():
        return dt.datetime.now(_UTC)

except ImportError:

    def utc_now():
        # the fallback for Pythons before 3.11, which have no datetime.UTC (ariadne)
        # ok: python-standards/utcnow
        return dt.datetime.utcnow()


def load(path):
    try:
        return parse(path)
    except (OSError, ValueError):
        # a handler for other errors is not a version fallback
        # expect: python-standards/utcnow
        return dt.datetime.utcnow()


def aware_at_once(ts):
    # ok: python-standards/utcnow
    now = dt.datetime.utcnow().replace(tzinfo=dt.timezone.utc)
    # ok: python-standards/utcnow
    then = pytz.utc.localize(dt.datetime.utcfromtimestamp(ts))
    # expect: python-standards/utcnow
    naive = dt.datetime.utcnow().replace(tzinfo=None)
    # expect: python-standards/utcnow
    local = dt.datetime.utcnow().astimezone(dt.timezone.utc)
    return now, then, naive, local


def message_time(at):
    try:
        when = datetime.fromtimestamp(at, timezone.utc)
    except:
        # ok: python-standards/utcnow
        when = datetime.utcfromtimestamp(at)
    try:
        when = datetime.fromtimestamp(at)
    except (OverflowError, OSError):
        # expect: python-standards/utcnow
        when = datetime.utcfromtimestamp(0)
    return when


# ok: python-standards/utcnow
f = datetime.utcnow(timezone.utc)
