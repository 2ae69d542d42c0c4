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

# --- any import name, pycryptodomex, lookup tables
from Crypto.Cipher import ARC2 as pycrypto_arc2
from Cryptodome.Cipher import Blowfish as bf
from cryptography.hazmat.decrepit.ciphers import algorithms as decrepit

# expect: python-crypto/broken-cipher
h = pycrypto_arc2.new(key, pycrypto_arc2.MODE_CFB, iv)
# expect: python-crypto/broken-cipher
i = bf.new(key, bf.MODE_CBC, iv)
# expect: python-crypto/broken-cipher
j = Cipher(decrepit.CAST5(key), mode=None)
# ok: python-crypto/broken-cipher
CIPHERS = {"3des-cbc": algorithms.TripleDES, "aes128-ctr": algorithms.AES}
# ok: python-crypto/broken-cipher
k = other.DES.new(key)


def pem_decrypt(algo, key, salt):
    if algo == "DES-CBC":
        # ok: python-crypto/broken-cipher
        return DES.new(key, DES.MODE_CBC, salt)
    elif algo == "DES-EDE3-CBC":
        # ok: python-crypto/broken-cipher
        return DES3.new(key, DES3.MODE_CBC, salt)
    elif algo == "AES-128-CBC":
        return AES.new(key, AES.MODE_CBC, salt)
    if legacy:
        # expect: python-crypto/broken-cipher
        return DES3.new(key, DES3.MODE_CBC, salt)


SSH_CIPHERS = {
    # ok: python-crypto/broken-cipher
    "3des-cbc": lambda key, iv: DES3.new(key, DES3.MODE_CBC, iv),
}


class DesPrivProtocol:
    def encrypt(self, key, iv, data):
        # ok: python-crypto/broken-cipher
        return DES.new(key, DES.MODE_CBC, iv).encrypt(data)


class Describer:
    def encrypt(self, key, iv, data):
        # expect: python-crypto/broken-cipher
        return DES.new(key, DES.MODE_CBC, iv).encrypt(data)
