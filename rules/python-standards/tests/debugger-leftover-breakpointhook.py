# A module that handles `sys.breakpointhook` calls `breakpoint()` to drive that hook (ops' testing harness).
import sys
from unittest import mock


class Charm:
    def __init__(self):
        # ok: python-standards/debugger-leftover
        breakpoint()


def run_with_hook(hook=None):
    sys.breakpointhook = hook or mock.MagicMock()
    Charm()
