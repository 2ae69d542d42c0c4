# path: pkg/sync.py
# The same name caught once anywhere in the repository is an exception: every statement of it is a slip
from pkg.errors import SyncError


def push(remote):
    try:
        remote.push()
    except OSError as e:
        # expect: python-standards/exception-not-raised
        SyncError(e)


def pull(remote):
    try:
        remote.pull()
    except OSError as e:
        # expect: python-standards/exception-not-raised
        SyncError(e)


def fetch(remote):
    try:
        remote.fetch()
    except OSError as e:
        # expect: python-standards/exception-not-raised
        SyncError(e)


def run(remote):
    try:
        push(remote)
    except SyncError:
        return False
    return True
