# Building an exception in a `try` whose handler catches NameError asks whether this Python has the class
# (Pyro4's socketutil, held-out round 346): `raise` there would stop the module importing everywhere.
import socket

try:
    # ok: python-standards/exception-not-raised
    InterruptedError()  # new since Python 3.4
except NameError:
    class InterruptedError(Exception):
        pass

try:
    # ok: python-standards/exception-not-raised
    socket.TimeoutError()
except AttributeError:
    TimeoutError = socket.timeout


def check(size):
    try:
        # expect: python-standards/exception-not-raised
        ValueError("size must be positive")
        size = int(size)
    except (TypeError, ValueError):
        size = 0
    try:
        return size
    except NameError:
        # expect: python-standards/exception-not-raised
        RuntimeError("no size")
    return size
