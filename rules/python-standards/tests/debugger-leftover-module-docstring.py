# path: app/sessions.py
"""Session helpers for the web app."""
import pdb

NOTE = "set PYTHONDEBUG to drop into pdb"


def attach(session):
    # expect: python-standards/debugger-leftover
    pdb.set_trace()
    return session
