import ssl

ctx = ssl.create_default_context()
# expect: python-crypto/cert-verification-off
ctx.check_hostname = False
# expect: python-crypto/cert-verification-off
ctx.verify_mode = ssl.CERT_NONE
# ok: python-crypto/cert-verification-off
ctx.verify_mode = ssl.CERT_REQUIRED
