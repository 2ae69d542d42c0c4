from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# expect: python-crypto/unauthenticated-mode
a = AES.new(key, AES.MODE_CBC, iv)
# expect: python-crypto/unauthenticated-mode
b = Cipher(algorithms.AES(key), modes.CTR(nonce))
# ok: python-crypto/unauthenticated-mode
c = AES.new(key, AES.MODE_GCM)
# ok: python-crypto/unauthenticated-mode
d = Cipher(algorithms.AES(key), modes.GCM(iv))
from Cryptodome.Cipher import AES as legacy

# expect: python-crypto/unauthenticated-mode
e = legacy.new(key, legacy.MODE_CFB, iv)
# ok: python-crypto/unauthenticated-mode
f = AES.new(key, blockalgo.MODE_CTR, iv)
# ok: python-crypto/unauthenticated-mode
MODES = {"cbc": AES.MODE_CBC}
from Crypto.Cipher import ARC2 as pycrypto_arc2

# ok: python-crypto/unauthenticated-mode
g = pycrypto_arc2.new(key, AES.MODE_CFB, iv)
