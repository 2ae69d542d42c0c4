# path: tests/test_checksums.py
import hashlib


def test_legacy_digest():
    # ok: python-crypto/weak-hash
    assert hashlib.md5(b"abc").hexdigest() == "900150983cd24fb0d6963f7d28e17f72"
