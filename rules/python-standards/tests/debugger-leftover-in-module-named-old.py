# path: pkg/old_format.py
# A module named like a retired folder is not in one: only a folder of that name keeps code aside.
import pdb


def read_old(path):
    # expect: python-standards/debugger-leftover
    pdb.set_trace()
    return path
