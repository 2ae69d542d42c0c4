# path: tests/test_keys.py
from cryptography.hazmat.primitives.asymmetric import rsa

# ok: python-crypto/weak-key-size
FAST_TEST_KEY = rsa.generate_private_key(public_exponent=65537, key_size=1024)
