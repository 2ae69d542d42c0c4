import ssl
from ssl import CERT_NONE

ctx = ssl.create_default_context()
# expect: python-crypto/cert-verification-off
ctx.verify_mode = ssl.CERT_NONE
# ok: python-crypto/cert-verification-off
ctx.verify_mode = ssl.CERT_REQUIRED
# expect: python-crypto/cert-verification-off
sock = ssl.wrap_socket(raw, ssl_version=ssl.PROTOCOL_TLSv1_2)
# ok: python-crypto/cert-verification-off
sock = ssl.wrap_socket(raw, cert_reqs=ssl.CERT_REQUIRED, ca_certs=bundle)
# expect: python-crypto/cert-verification-off
pool = PoolManager(cert_reqs=CERT_NONE)
# ok: python-crypto/cert-verification-off
REQS = {"none": ssl.CERT_NONE, "required": ssl.CERT_REQUIRED}


def context(verify):
    ctx = ssl.create_default_context()
    if not verify:
        # ok: python-crypto/cert-verification-off
        ctx.verify_mode = ssl.CERT_NONE
    # ok: python-crypto/cert-verification-off
    ctx.verify_mode = ssl.CERT_NONE if insecure else ssl.CERT_REQUIRED
    # ok: python-crypto/cert-verification-off
    return ctx.verify_mode == ssl.CERT_NONE
