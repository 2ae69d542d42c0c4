try:
    from secrets import SystemRandom, randbits
except ImportError:
    from random import SystemRandom, getrandbits as randbits

try:
    import numpy
except ImportError:
    from random import sample

from random import choice


def generate_nonce():
    # ok: python-crypto/insecure-random
    return str(randbits(64))


def make_token():
    # expect: python-crypto/insecure-random
    return "".join(choice(ALPHABET) for _ in range(12))


def reset_token():
    # expect: python-crypto/insecure-random
    return "".join(sample(ALPHABET, 12))
