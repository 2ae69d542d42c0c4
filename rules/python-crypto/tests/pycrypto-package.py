from setuptools import setup

# expect: python-crypto/pycrypto-package
from Crypto.Random import OSRNG

setup(
    name="legacy",
    install_requires=[
        # expect: python-crypto/pycrypto-package
        "pycrypto>=2.6",
        # ok: python-crypto/pycrypto-package
        "pycryptodome>=3.20",
        # ok: python-crypto/pycrypto-package
        "pycryptodomex",
    ],
)

extras_require = {
    # ok: python-crypto/pycrypto-package
    "pycrypto": ["cryptography"],
    # expect: python-crypto/pycrypto-package
    "legacy": ["pycrypto >=2.6.0, <2.7.0"],
}

# expect: python-crypto/pycrypto-package
REQUIRES = ["pycrypto"]

# ok: python-crypto/pycrypto-package
CIPHER_IMPLEMENTATIONS = ["openssl", "pycrypto", "python"]


def pick(impl):
    # ok: python-crypto/pycrypto-package
    if impl == "pycrypto":
        return impl
