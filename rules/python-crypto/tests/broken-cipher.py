from Crypto.Cipher import AES, ARC4, DES, DES3
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES

# expect: python-crypto/broken-cipher
a = DES.new(key, DES.MODE_CBC, iv)
# expect: python-crypto/broken-cipher
b = DES3.new(key, DES3.MODE_CBC, iv)
# expect: python-crypto/broken-cipher
c = ARC4.new(key)
# expect: python-crypto/broken-cipher
d = Cipher(algorithms.Blowfish(key), modes.CBC(iv))
# expect: python-crypto/broken-cipher
e = TripleDES(key)
# ok: python-crypto/broken-cipher
f = AES.new(key, AES.MODE_GCM)
# ok: python-crypto/broken-cipher
g = Cipher(algorithms.AES(key), modes.GCM(iv))
