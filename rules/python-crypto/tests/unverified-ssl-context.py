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
