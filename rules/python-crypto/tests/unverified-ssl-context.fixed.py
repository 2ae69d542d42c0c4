import ssl

# expect: python-crypto/unverified-ssl-context
ctx = ssl.create_default_context()
# ok: python-crypto/unverified-ssl-context
ctx = ssl.create_default_context()
