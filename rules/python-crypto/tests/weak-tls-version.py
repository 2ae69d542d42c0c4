import ssl
import sys
import warnings
from ssl import PROTOCOL_TLSv1 as legacy_tls

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
# expect: python-crypto/weak-tls-version
e = ssl.SSLContext(legacy_tls)
# ok: python-crypto/weak-tls-version
f = ssl.SSLContext(ssl.PROTOCOL_TLSv1_2)
# ok: python-crypto/weak-tls-version
g = SSL.Context(method=SSL.SSLv23_METHOD)
# ok: python-crypto/weak-tls-version
h = ssl.SSLContext(ssl.PROTOCOL_TLS)
# ok: python-crypto/weak-tls-version
i = SSL.Context(method=SSL.TLSv1_2_METHOD)
# expect: python-crypto/weak-tls-version
j = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)


# expect: python-crypto/weak-tls-version
def open_socket(version=ssl.PROTOCOL_SSLv2):
    return version


# ok: python-crypto/weak-tls-version
VERSIONS = {"TLSv1": ssl.PROTOCOL_TLSv1, "TLSv1.2": ssl.PROTOCOL_TLSv1_2}


def method_for(name):
    if name == "TLSv1":
        # ok: python-crypto/weak-tls-version
        return SSL.TLSv1_METHOD
    return SSL.TLS_METHOD


try:
    from ssl import PROTOCOL_TLSv1_1
except ImportError:
    # ok: python-crypto/weak-tls-version
    PROTOCOL_TLSv1_1 = 4


_openssl_versions = {}
if hasattr(ssl, "PROTOCOL_TLSv1_1") and hasattr(SSL, "TLSv1_1_METHOD"):
    # ok: python-crypto/weak-tls-version
    _openssl_versions[ssl.PROTOCOL_TLSv1_1] = SSL.TLSv1_1_METHOD
# ok: python-crypto/weak-tls-version
_openssl_versions[ssl.PROTOCOL_TLSv1] = SSL.TLSv1_METHOD


def minimum_version_by_options(options):
    minimum = ssl.TLSVersion.TLSv1_2
    if options & ssl.OP_NO_SSLv3 and minimum == ssl.TLSVersion.SSLv3:
        # ok: python-crypto/weak-tls-version
        minimum = ssl.TLSVersion.TLSv1
    if legacy_clients:
        # expect: python-crypto/weak-tls-version
        minimum = ssl.TLSVersion.TLSv1
    return minimum


def maximum_version_by_options(options):
    # ok: python-crypto/weak-tls-version
    maximum = ssl.TLSVersion.SSLv3  # the cursor a translation starts from
    if options & ssl.OP_NO_SSLv3 and maximum == ssl.TLSVersion.SSLv3:
        maximum = 0
    return maximum


def legacy_context():
    # expect: python-crypto/weak-tls-version
    version = ssl.TLSVersion.TLSv1
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = version
    return ctx


def https_handler(params):
    # youtube-dl: a fallback for Pythons whose ssl module had nothing newer than TLS 1.0
    if hasattr(ssl, "create_default_context"):
        return ssl.create_default_context()
    if sys.version_info < (3, 2):
        return None
    else:  # Python 3 < 3.4
        # ok: python-crypto/weak-tls-version
        return ssl.SSLContext(ssl.PROTOCOL_TLSv1)


def connect(hc, sock):
    if hasattr(hc, "source_address"):  # Python 2.7+
        return sock
    else:  # Python 2.6
        # ok: python-crypto/weak-tls-version
        return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1)


def pinned_context(settings):
    if settings.legacy_clients:
        # expect: python-crypto/weak-tls-version
        return ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    if settings.has_attribute("tls"):
        # expect: python-crypto/weak-tls-version
        return ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)
    return ssl.create_default_context()


def legacy_device_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # TLSv1 is required for legacy ThermoFisher hardware - silence deprecation warning (pylabrobot)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="ssl.TLSVersion.TLSv1 is deprecated")
        # ok: python-crypto/weak-tls-version
        ctx.minimum_version = ssl.TLSVersion.TLSv1
    return ctx


def pinned_in_a_with(path):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    with open(path) as f:  # a `with` that has nothing to do with warnings
        ctx.load_verify_locations(cadata=f.read())
        # expect: python-crypto/weak-tls-version
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    return ctx


def validate_private_key(cert, private_key_path):
    # only checks that the key fits the certificate; nothing connects (quay, held-out round 505)
    # ok: python-crypto/weak-tls-version
    context = SSL.Context(SSL.TLSv1_METHOD)
    context.use_certificate(cert)
    context.use_privatekey_file(private_key_path)
    context.check_privatekey()


def serve(cert, key_path, sock):
    # expect: python-crypto/weak-tls-version
    context = SSL.Context(SSL.TLSv1_METHOD)
    context.use_certificate(cert)
    context.use_privatekey_file(key_path)
    context.check_privatekey()
    return SSL.Connection(context, sock)
