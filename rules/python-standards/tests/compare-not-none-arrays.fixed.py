# path: analysis/frame.py
from pandas import DataFrame


def present(frame: DataFrame):
    # ok: python-standards/compare-not-none
    mask = frame["a"].values != None
    return frame[mask]


def size(n):
    # expect: python-standards/compare-not-none
    while n is not None:
        n = n.parent
    return n
