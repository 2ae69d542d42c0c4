from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import dsa, rsa

# expect: python-crypto/weak-key-size
a = rsa.generate_private_key(public_exponent=65537, key_size=1024)
# expect: python-crypto/weak-key-size
b = dsa.generate_private_key(key_size=1024)
# expect: python-crypto/weak-key-size
c = RSA.generate(512)
# ok: python-crypto/weak-key-size
d = rsa.generate_private_key(public_exponent=65537, key_size=2048)
# ok: python-crypto/weak-key-size
e = RSA.generate(3072)
