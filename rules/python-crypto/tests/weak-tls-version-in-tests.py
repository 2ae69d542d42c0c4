# path: tests/test_ssl_versions.py
import ssl

# ok: python-crypto/weak-tls-version
LEGACY = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
