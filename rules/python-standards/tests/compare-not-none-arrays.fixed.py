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


def query(exp_key):
    # expect: python-standards/compare-not-none
    return {"exp_key": exp_key} if exp_key != None else {}


def check(node):
    # expect: python-standards/compare-not-none
    assert node != None
    # expect: python-standards/compare-not-none
    return [n for n in node.children if n != None]
