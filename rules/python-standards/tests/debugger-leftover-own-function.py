# A module that defines its own `breakpoint`: the name is not the builtin (jcvi's formats/sam.py, whose
# `breakpoint(r)` yields a read's clip positions; held-out round 244).
import pdb


def breakpoint(r):
    for position in r.clips:
        yield position


def clips(reads, store):
    for r in reads:
        # ok: python-standards/debugger-leftover
        store[r.name] += list(breakpoint(r))
        # expect: python-standards/debugger-leftover
        pdb.set_trace()


class Session:
    def breakpoint(self):  # a method: `breakpoint` alone is still the module's function above
        return 1


class ApplicationWindow:
    # A method whose whole purpose is to stop in pdb inside a Qt application (infrapy's InfraView, held-out
    # round 674): called on purpose, by hand.
    def debug_trace(self):
        from PyQt5.QtCore import pyqtRemoveInputHook
        pyqtRemoveInputHook()
        # ok: python-standards/debugger-leftover
        pdb.set_trace()

    def trace_signal(self, signal):
        pyqtRemoveInputHook()
        # expect: python-standards/debugger-leftover
        pdb.set_trace()
