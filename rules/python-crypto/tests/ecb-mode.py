from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# expect: python-crypto/ecb-mode
a = AES.new(key, AES.MODE_ECB)
# expect: python-crypto/ecb-mode
b = Cipher(algorithms.AES(key), modes.ECB())
# ok: python-crypto/ecb-mode
c = AES.new(key, AES.MODE_GCM)
# ok: python-crypto/ecb-mode
d = Cipher(algorithms.AES(key), modes.GCM(iv))
