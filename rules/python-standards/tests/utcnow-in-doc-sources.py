# path: misc/doc/sources/interception/charging.py
# A documentation sample one folder down (jasmin's misc/doc/sources/, held-out round 163): examples skip.
import datetime


def generate_timestamp():
    # ok: python-standards/utcnow
    return datetime.datetime.utcnow().isoformat() + "Z"
