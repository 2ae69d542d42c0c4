# path: tornado/test/httpclient_test.py
import datetime


def test_if_modified_since_naive(self):
    # ok: python-standards/utcnow
    http_date = datetime.datetime.utcnow()
