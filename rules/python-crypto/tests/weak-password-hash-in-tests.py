# path: tests/test_legacy_login.py
import hashlib


def test_legacy_md5_passwords_still_verify(db):
    # ok: python-crypto/weak-password-hash
    db.add_user("ann", hashlib.md5(b"password").hexdigest())
