# path: reproducers/1297512.py
# A hand-run script that reproduces a reported bug: stopping there to look is its point (pyudev's reproducers/).
import pdb


def main():
    monitor = start()
    # ok: python-standards/debugger-leftover
    pdb.set_trace()
    return monitor
