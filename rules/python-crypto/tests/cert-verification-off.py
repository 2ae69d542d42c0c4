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


# --- option defaults: a server does not ask for client certificates unless configured to
# ok: python-crypto/cert-verification-off
def run(app, ssl_keyfile=None, ssl_certfile=None, ssl_cert_reqs: int = ssl.CERT_NONE):
    return Config(app, ssl_cert_reqs=ssl_cert_reqs)


# ok: python-crypto/cert-verification-off
@click.option("--ssl-cert-reqs", type=int, default=int(ssl.CERT_NONE), help="Whether client certificate is required")
def main(ssl_cert_reqs):
    pass


class CertReqs:
    name = "cert_reqs"
    # ok: python-crypto/cert-verification-off
    default = ssl.CERT_NONE


def _make_insecure_ssl_ctx():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    # ok: python-crypto/cert-verification-off
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _make_ctx():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # expect: python-crypto/cert-verification-off
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


CONTEXT = _make_ctx()
