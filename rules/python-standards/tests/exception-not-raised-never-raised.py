# path: pkg/annex.py
# datalad-next's shape (held-out round 299): `CapturedException(e)` alone on a line logs the exception
# it captures (datalad's class, another package's, derives from `object`); the repository builds it so in
# three places or more and never raises, catches or subclasses it: no exception.
from datalad_next.exceptions import CapturedException


def load(path):
    try:
        return open(path).read()
    except OSError as e:
        # ok: python-standards/exception-not-raised
        CapturedException(e)


def save(path):
    try:
        open(path, "w").close()
    except OSError as e:
        # ok: python-standards/exception-not-raised
        CapturedException(e)


def drop(path):
    try:
        path.unlink()
    except OSError as e:
        # ok: python-standards/exception-not-raised
        CapturedException(e)


def check(a, b, c):
    # ... but a builtin exception built alone three times is three missing `raise`s
    if a:
        # expect: python-standards/exception-not-raised
        ValueError(a)
    if b:
        # expect: python-standards/exception-not-raised
        ValueError(b)
    if c:
        # expect: python-standards/exception-not-raised
        ValueError(c)
