import ssl

ctx = ssl.create_default_context()
# expect: python-crypto/hostname-check-off
ctx.check_hostname = False
# ok: python-crypto/hostname-check-off
ctx.check_hostname = True


def context(assert_hostname):
    ctx = ssl.create_default_context()
    if assert_hostname is False:
        # ok: python-crypto/hostname-check-off
        ctx.check_hostname = False
    return ctx


class PyOpenSSLContext:
    def __init__(self, protocol):
        self.protocol = protocol
        # ok: python-crypto/hostname-check-off
        self.check_hostname = False


def _make_insecure_ssl_ctx():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: python-crypto/hostname-check-off
    ctx.check_hostname = False
    return ctx
