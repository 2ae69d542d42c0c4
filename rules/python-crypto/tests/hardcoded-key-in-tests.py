# path: tests/test_cipher.py
from Crypto.Cipher import AES

# ok: python-crypto/hardcoded-key
KNOWN_ANSWER = AES.new(b"0123456789abcdef", AES.MODE_GCM, nonce=b"fixednonce12")
