# path: app/debugger.py
# Only a module named for debugging itself: `debugger.py` is an ordinary module name here.
import pdb


def attach(session):
    # expect: python-standards/debugger-leftover
    pdb.set_trace()
    return session
