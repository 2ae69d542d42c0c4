import random
import random as rnd
from random import choice


def reset_code(length=8):
    # expect: python-crypto/insecure-random
    return "".join(random.choice(ALPHABET) for _ in range(length))


def make_password():
    # expect: python-crypto/insecure-random
    return "".join(choice(ALPHABET) for _ in range(12))


# expect: python-crypto/insecure-random
session_token = rnd.getrandbits(128)


def shuffle_deck(cards):
    # ok: python-crypto/insecure-random
    random.shuffle(cards)
    return cards


def new_token():
    # ok: python-crypto/insecure-random
    return secrets.token_urlsafe(32)


def encode_label(labels):
    # ok: python-crypto/insecure-random
    return random.choice(labels).encode()


from random import choice as pick


def api_token():
    # expect: python-crypto/insecure-random
    return "".join(pick(ALPHABET) for _ in range(32))


def colour():
    # ok: python-crypto/insecure-random
    return pick(COLOURS)
