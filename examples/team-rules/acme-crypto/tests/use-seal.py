from cryptography.hazmat.primitives.ciphers.aead import AESGCM

import acme.crypto


def store(key, nonce, data):
    # expect: acme-crypto/use-seal
    box = AESGCM(key).encrypt(nonce, data, None)
    # ok: acme-crypto/use-seal
    sealed = acme.crypto.seal(data, purpose="records")
    return box, sealed
