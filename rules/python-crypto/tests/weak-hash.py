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
