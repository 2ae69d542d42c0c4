import crypt
import hashlib
import hashlib as h
from Crypto.Hash import MD5

# expect: python-crypto/weak-password-hash
stored = hashlib.md5(password.encode()).hexdigest()
# expect: python-crypto/weak-password-hash
check = h.sha1(user.password_hash + salt).digest()
# expect: python-crypto/weak-password-hash
sig = MD5.new(SECRET_KEY + payload).hexdigest()
# expect: python-crypto/weak-password-hash
t = hashlib.new("md5", api_token.encode())
# expect: python-crypto/weak-password-hash
y = crypt.crypt(word, crypt.METHOD_MD5)
# expect: python-crypto/weak-password-hash
z = crypt.mksalt(method=crypt.METHOD_CRYPT)

# ok: python-crypto/weak-password-hash
good = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
# ok: python-crypto/weak-password-hash
cache_key = hashlib.md5(url.encode()).hexdigest()
# ok: python-crypto/weak-password-hash
legacy = hashlib.md5(password_reset_url.encode(), usedforsecurity=False)
# ok: python-crypto/weak-password-hash
strong = hashlib.sha256(password.encode()).hexdigest()
# ok: python-crypto/weak-password-hash
ab = crypt.mksalt(crypt.METHOD_SHA512)
