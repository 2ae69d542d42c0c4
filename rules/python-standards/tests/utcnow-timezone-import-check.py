# path: resources/lib/youtube_plugin/kodion/utils/datetime.py
from datetime import datetime, timedelta

try:
    from datetime import timezone
except ImportError:
    timezone = None


def yt_datetime_offset(**kwargs):
    if timezone:
        _now = datetime.now(tz=timezone.utc)
    else:
        # ok: python-standards/utcnow
        _now = datetime.utcnow()
    return (_now - timedelta(**kwargs)).strftime('%Y-%m-%dT%H:%M:%SZ')


def stamp():
    # expect: python-standards/utcnow
    return datetime.utcnow()


def local_offset(dt, cache):
    if timezone:
        return dt.astimezone(None)
    if cache:
        offset = cache
    else:
        # ok: python-standards/utcnow
        offset = datetime.now() - datetime.utcnow()
    return dt + offset
