# path: app/clock.py
from datetime import datetime


def now(timezone=None):
    if timezone:
        return datetime.now(timezone)
    else:
        # expect: python-standards/utcnow
        return datetime.utcnow()


def stamp(timezone=None):
    if timezone:
        return datetime.now(timezone)
    # expect: python-standards/utcnow
    return datetime.utcnow()
