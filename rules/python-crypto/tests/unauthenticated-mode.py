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
