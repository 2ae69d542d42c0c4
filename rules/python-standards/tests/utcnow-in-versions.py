# path: app/api/versions/v2.py
# Only a migrations folder: an API's `versions/` package is ordinary code.
import datetime


def stamp():
    # expect: python-standards/utcnow
    return datetime.datetime.utcnow().isoformat()
