from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ec import SECP192R1

# expect: python-crypto/weak-ec-curve
a = ec.generate_private_key(ec.SECP192R1())
# ok: python-crypto/weak-ec-curve
b = ec.generate_private_key(ec.SECP384R1())
# expect: python-crypto/weak-ec-curve
c = ec.generate_private_key(curve=ec.SECT163R2, backend=backend)
# expect: python-crypto/weak-ec-curve
d = ec.generate_private_key(SECP192R1())
# ok: python-crypto/weak-ec-curve
CURVES = {"secp192r1": ec.SECP192R1, "secp256r1": ec.SECP256R1}
# ok: python-crypto/weak-ec-curve
e = ec.generate_private_key(curve=ec.SECP256K1, backend=backend)


def to_curve(curve_id):
    if curve_id == 0x0001:
        # ok: python-crypto/weak-ec-curve
        return ec.SECP192R1()
    elif curve_id == 0x0003:
        return ec.SECP256R1()
    raise ValueError(curve_id)


def session_key(legacy):
    if legacy:
        # expect: python-crypto/weak-ec-curve
        key = ec.generate_private_key(ec.SECP192R1())
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    return key


CURVE_NAMES = {
    # ok: python-crypto/weak-ec-curve
    ec.SECP192R1().name: "ECCPRIME192V1",
    ec.SECP256R1().name: "ECCPRIME256V1",
}
# expect: python-crypto/weak-ec-curve
KEYS = {"legacy": ec.generate_private_key(ec.SECP192R1())}


def check_key(sk, numbers):
    # ok: python-crypto/weak-ec-curve
    if not isinstance(sk.curve, ec.SECP192R1 | ec.SECP256R1 | ec.SECP384R1):
        raise ValueError("unsupported curve")
    # ok: python-crypto/weak-ec-curve
    if isinstance(numbers.curve, ec.SECP192R1):
        return 24
    # expect: python-crypto/weak-ec-curve
    return ec.derive_private_key(numbers.private_value, ec.SECP192R1())


def generate_signing_key(scheme, keyfile):
    if scheme == "rsa3072" or scheme is None:
        return rsa.generate_private_key(public_exponent=65537, key_size=3072)
    elif scheme == "ecdsa192":
        # ok: python-crypto/weak-ec-curve
        return _generate_ecdsa_signing_key(ec.SECP192R1, keyfile)
    elif scheme == "ecdsa256":
        return _generate_ecdsa_signing_key(ec.SECP256R1, keyfile)
    else:
        # expect: python-crypto/weak-ec-curve
        return _generate_ecdsa_signing_key(ec.SECP192R1, keyfile)


def fast_key(mode):
    if mode == "fast":
        # expect: python-crypto/weak-ec-curve
        key = ec.generate_private_key(ec.SECP192R1())
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    return key
