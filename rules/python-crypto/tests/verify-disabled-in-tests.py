# path: tests/test_client.py
import requests


def test_self_signed_server(server):
    # ok: python-crypto/verify-disabled
    r = requests.get(server.url, verify=False)
    assert r.status_code == 200
