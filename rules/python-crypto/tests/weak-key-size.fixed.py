from Crypto.PublicKey import DSA as pycrypto_dsa
from Crypto.PublicKey import RSA
from Cryptodome.PublicKey import RSA as pycryptodomex_rsa
from cryptography.hazmat.primitives.asymmetric import dsa, rsa

# expect: python-crypto/weak-key-size
a = rsa.generate_private_key(public_exponent=65537, key_size=2048)
# expect: python-crypto/weak-key-size
b = dsa.generate_private_key(key_size=2048)
# expect: python-crypto/weak-key-size
c = RSA.generate(2048)
# ok: python-crypto/weak-key-size
d = rsa.generate_private_key(public_exponent=65537, key_size=2048)
# ok: python-crypto/weak-key-size
e = RSA.generate(3072)
# expect: python-crypto/weak-key-size
f = RSA.generate(bits=2048)
# expect: python-crypto/weak-key-size
g = pycrypto_dsa.generate(bits=2048)
# expect: python-crypto/weak-key-size
h = pycryptodomex_rsa.generate(2048)
# expect: python-crypto/weak-key-size
i = rsa.generate_private_key(3, 2048, backend)
# expect: python-crypto/weak-key-size
j = dsa.generate_private_key(2048, backend)
# ok: python-crypto/weak-key-size
k = rsa.generate_private_key(public_exponent=65537, key_size=some_key_size)
# ok: python-crypto/weak-key-size
m = rsa.generate_private_key(65537, 4096)
# ok: python-crypto/weak-key-size
n = other.generate(1024)

# a capability probe: the key is thrown away, and the failure is what the code wants to know
try:
    # ok: python-crypto/weak-key-size
    rsa.generate_private_key(public_exponent=65537, key_size=512)
    RSA_512_SUPPORTED = True
except ValueError:
    RSA_512_SUPPORTED = False

try:
    # expect: python-crypto/weak-key-size
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
except ValueError:
    key = None

# expect: python-crypto/weak-key-size
rsa.generate_private_key(public_exponent=65537, key_size=2048)
