import ssl
import urllib.request
from ssl import _create_unverified_context as unverified

# expect: python-crypto/unverified-ssl-context
ctx = ssl._create_unverified_context()
# ok: python-crypto/unverified-ssl-context
ctx = ssl.create_default_context()
# expect: python-crypto/unverified-ssl-context
ssl._create_default_https_context = ssl._create_unverified_context
# expect: python-crypto/unverified-ssl-context
page = urllib.request.urlopen(url, context=unverified())


def opener(insecure):
    # ok: python-crypto/unverified-ssl-context
    ctx = ssl._create_unverified_context() if insecure else ssl.create_default_context()
    return ctx


def set_https_verification(value):
    prev = ssl._create_default_https_context == ssl.create_default_context
    if value:
        ssl._create_default_https_context = ssl.create_default_context
    else:
        # ok: python-crypto/unverified-ssl-context
        ssl._create_default_https_context = ssl._create_unverified_context
    return prev


def make_ssl_context():
    # expect: python-crypto/unverified-ssl-context
    return ssl._create_unverified_context()


def fetch(url, debug):
    if debug:
        print("fetching", url)
    # expect: python-crypto/unverified-ssl-context
    return urllib.request.urlopen(url, context=ssl._create_unverified_context())


def download(url, retry):
    if retry:
        # expect: python-crypto/unverified-ssl-context
        return urllib.request.urlopen(url, context=ssl._create_unverified_context())


def _ssl_unverified_context(cafile):
    # called only under the user's --no-check-certificate (s3cmd)
    # ok: python-crypto/unverified-ssl-context
    return ssl._create_unverified_context(cafile=cafile, cert_reqs=ssl.CERT_NONE)


def _ssl_client_auth_context(certfile, check_server_cert, cafile):
    cert_reqs = ssl.CERT_REQUIRED if check_server_cert else ssl.CERT_NONE
    # ok: python-crypto/unverified-ssl-context
    return ssl._create_unverified_context(cafile=cafile, certfile=certfile, cert_reqs=cert_reqs)


def client_context(cafile):
    # expect: python-crypto/unverified-ssl-context
    return ssl._create_unverified_context(cafile=cafile, cert_reqs=ssl.CERT_NONE)


def check_data(url):
    try:
        urlopen(url)
    except URLError:
        # check_hostname = True turns verification back on (Python 3.7+): elephant's retry
        # ok: python-crypto/unverified-ssl-context
        ctx = ssl._create_unverified_context()
        ctx.check_hostname = True
        urlopen(url, context=ctx)


def check_data_no_hostname(url):
    # expect: python-crypto/unverified-ssl-context
    ctx = ssl._create_unverified_context()
    ctx.check_hostname = False
    urlopen(url, context=ctx)


def get_device_certificate(hostname, port):
    # fetches the certificate the device presents, to trust it later (genielibs)
    # ok: python-crypto/unverified-ssl-context
    context = ssl._create_unverified_context()
    with socket.create_connection((hostname, port)) as sock:
        with context.wrap_socket(sock, server_hostname=hostname) as ssock:
            return ssl.DER_cert_to_PEM_cert(ssock.getpeercert(binary_form=True))


def get_device_subject(hostname, port):
    # getpeercert() without binary_form: a dict that is empty on an unverified connection; the
    # context is for talking to the server
    # expect: python-crypto/unverified-ssl-context
    context = ssl._create_unverified_context()
    with socket.create_connection((hostname, port)) as sock:
        with context.wrap_socket(sock, server_hostname=hostname) as ssock:
            ssock.sendall(b"GET / HTTP/1.0\r\n\r\n")
            return ssock.getpeercert()
