from cryptography.hazmat.primitives import hashes, hmac

# ok: python-crypto/weak-hash
mac = hmac.HMAC(key, hashes.SHA1())
# expect: python-crypto/weak-hash
digest = hashes.Hash(hashes.SHA1())
