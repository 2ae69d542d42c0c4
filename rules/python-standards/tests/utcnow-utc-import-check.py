# path: flent/util.py
from datetime import datetime

try:
    from datetime import UTC
except ImportError:
    UTC = None


def utcnow():
    if UTC is None:
        # ok: python-standards/utcnow
        return datetime.utcnow()
    return datetime.now(UTC).replace(tzinfo=None)


def stamp(ts):
    if ts is None:
        # expect: python-standards/utcnow
        return datetime.utcnow()
    return datetime.fromtimestamp(ts, UTC)
