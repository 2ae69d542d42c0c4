import ssl

from OpenSSL import SSL

# expect: python-crypto/weak-tls-version
a = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
# expect: python-crypto/weak-tls-version
ctx.minimum_version = ssl.TLSVersion.TLSv1_1
# expect: python-crypto/weak-tls-version
c = SSL.Context(SSL.SSLv3_METHOD)
# ok: python-crypto/weak-tls-version
ctx.minimum_version = ssl.TLSVersion.TLSv1_2
# ok: python-crypto/weak-tls-version
d = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
