import hashlib
import hashlib as h
from hashlib import md5, sha256
from hashlib import sha1 as legacy_sha

from Crypto.Hash import MD5, SHA256
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hashes import SHA1

# expect: python-crypto/weak-hash
a = hashlib.md5(data)
# expect: python-crypto/weak-hash
b = hashlib.sha1(data).hexdigest()
# expect: python-crypto/weak-hash
c = h.md5(data)
# expect: python-crypto/weak-hash
d = md5(data)
# expect: python-crypto/weak-hash
e = legacy_sha(data)
# expect: python-crypto/weak-hash
f = hashlib.new("md5", data)
# expect: python-crypto/weak-hash
g = hashes.Hash(hashes.SHA1())
# expect: python-crypto/weak-hash
i = SHA1()
# expect: python-crypto/weak-hash
j = MD5.new(data)
# ok: python-crypto/weak-hash
k = hashlib.md5(data, usedforsecurity=False)
# ok: python-crypto/weak-hash
m = hashlib.sha256(data)
# ok: python-crypto/weak-hash
n = sha256(data)
# ok: python-crypto/weak-hash
o = hashlib.new("sha256", data)
# ok: python-crypto/weak-hash
p = hashes.Hash(hashes.SHA256())
# ok: python-crypto/weak-hash
q = SHA256.new(data)
# ok: python-crypto/weak-hash
r = other.md5(data)

# --- names resolved through imports, arguments by keyword or position
import crypt
import hmac

from Crypto.Hash import MD2 as m
from Cryptodome.Hash import SHA as legacy
from hashlib import new as hashlib_new

# expect: python-crypto/weak-hash
s = m.new()
# expect: python-crypto/weak-hash
t = legacy.new(data)
# expect: python-crypto/weak-hash
u = hashlib.new(name="md5", data=b"x")
# expect: python-crypto/weak-hash
v = hashlib.new("SHA", data=b"x")
# expect: python-crypto/weak-hash
w = hashlib_new("sha1")
# expect: python-crypto/weak-hash
x = h.new("Md5")
# ok: python-crypto/weak-hash
y = crypt.crypt("secret", crypt.METHOD_MD5)  # weak-password-hash's finding
# ok: python-crypto/weak-hash
z = crypt.mksalt(method=crypt.METHOD_CRYPT)  # weak-password-hash's finding
# ok: python-crypto/weak-hash
aa = hashlib.new(name="sha256")
# ok: python-crypto/weak-hash
ab = crypt.mksalt(crypt.METHOD_SHA512)
# ok: python-crypto/weak-hash
bcrypt_salt = crypt.mksalt(crypt.METHOD_BLOWFISH)
# ok: python-crypto/weak-hash
ac = hashlib_new(name="sha1", usedforsecurity=False)

# --- HMAC does not need collision resistance
# ok: python-crypto/weak-hash
ad = hmac.new(key, msg, hashlib.sha1)
# ok: python-crypto/weak-hash
ae = hmac.new(key, msg, digestmod=lambda: hashlib.md5())
# ok: python-crypto/weak-hash
af = hmac.HMAC(key, msg, hashlib.sha1)

# --- size lookups and protocol uses
from hashlib import sha1

# ok: python-crypto/weak-hash
salt = os.urandom(sha1().digest_size)


def get_fingerprint(key):
    # ok: python-crypto/weak-hash
    return hashlib.md5(key).digest()


def fingerprint(password):
    # ok: python-crypto/weak-hash
    # (a fingerprint: not a collision-sensitive use)
    return hashlib.md5(password.encode()).hexdigest()


def hash_password(password):
    # ok: python-crypto/weak-hash
    # (weak-password-hash's finding: one comment, not two)
    return hashlib.md5(password.encode()).hexdigest()


def subsonic_token(password, salt):
    # a service's token scheme with a password in it: the model judges it
    # expect: python-crypto/weak-hash
    return hashlib.md5((password + salt).encode()).hexdigest()
