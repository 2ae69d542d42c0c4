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

from Cryptodome.Cipher import AES as CryptodomeAES
from cryptography.hazmat.primitives.ciphers.modes import ECB as Electronic

# expect: python-crypto/ecb-mode
e = CryptodomeAES.new(key, CryptodomeAES.MODE_ECB)
# expect: python-crypto/ecb-mode
f = Cipher(algorithms.AES(key), Electronic())
# ok: python-crypto/ecb-mode
MODES = {"ecb": AES.MODE_ECB, "gcm": AES.MODE_GCM}
# ok: python-crypto/ecb-mode
g = mode == AES.MODE_ECB


def aes_key_wrap(kek, key):
    # RFC 3394: single-block AES steps
    # ok: python-crypto/ecb-mode
    return AES.new(kek, AES.MODE_ECB).encrypt(key)
