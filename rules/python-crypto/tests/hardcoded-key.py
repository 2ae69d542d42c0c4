import hashlib
import hmac

from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# expect: python-crypto/hardcoded-key
a = AES.new(b"0123456789abcdef", AES.MODE_GCM)
# expect: python-crypto/hardcoded-key
b = Cipher(algorithms.AES(key), modes.CBC(b"\x00" * 16))
# expect: python-crypto/hardcoded-key
c = hmac.new(b"server-secret", msg, "sha256")
# expect: python-crypto/hardcoded-key
d = hashlib.pbkdf2_hmac("sha256", password, b"static-salt", 600_000)
# expect: python-crypto/hardcoded-key
ENCRYPTION_KEY = b"correct horse battery staple"
# expect: python-crypto/hardcoded-key
e = AES.new(key, AES.MODE_GCM, nonce=b"fixednonce12")
# ok: python-crypto/hardcoded-key
f = AES.new(load_key("records"), AES.MODE_GCM)
# ok: python-crypto/hardcoded-key
g = hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)
# ok: python-crypto/hardcoded-key
cache_key = "users"
# ok: python-crypto/hardcoded-key
h = hmac.new(key, b"message", "sha256")
# ok: python-crypto/hardcoded-key
cache.set(key="users", value=rows)

# --- a text salt is a namespace label (itsdangerous, Django signing), not key material
# ok: python-crypto/hardcoded-key
salt = "cookie-session"
# ok: python-crypto/hardcoded-key
signer = URLSafeTimedSerializer(secret, salt="email-confirm")
# expect: python-crypto/hardcoded-key
SALT = b"\x8f\x1a\x00\x11static"
# expect: python-crypto/hardcoded-key
kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=b"fixed-salt", iterations=600_000)
# ok: python-crypto/hardcoded-key
salt = b"itsdangerous.Signer"
# ok: python-crypto/hardcoded-key
signer = Signer(secret_key, salt=b"itsdangerous.Signer")
# expect: python-crypto/hardcoded-key
salt = b"\x8f\x1a\x00\x11"
# expect: python-crypto/hardcoded-key
signer = Signer(secret_key, salt=b"3f9a1c07d2e4b8a6")
# expect: python-crypto/hardcoded-key
kdf = Scrypt(salt=b"app.passwords", length=32, n=2**14, r=8, p=1)
# ok: python-crypto/hardcoded-key
ctr = AES.new(key, AES.MODE_CTR, nonce=b"", initial_value=counter_block)
# ok: python-crypto/hardcoded-key
salt = b""
