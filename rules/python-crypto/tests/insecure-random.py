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


def press_key(key, pause):
    # ok: python-crypto/insecure-random
    return random.uniform(0, pause)


def _should_profile_session(sample_rate):
    # ok: python-crypto/insecure-random
    return random.random() < float(sample_rate)


def new_api_key():
    # expect: python-crypto/insecure-random
    return "%032x" % random.getrandbits(128)


# expect: python-crypto/insecure-random
SESSION_ID = random.randint(0, 2**64)
