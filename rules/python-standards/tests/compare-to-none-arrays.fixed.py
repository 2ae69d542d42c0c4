# path: vaex/functions.py
import numpy as np


def isna(x):
    # ok: python-standards/compare-to-none
    return (x.data == None) | x.mask


def chunks(n):
    # expect: python-standards/compare-to-none
    if n is None:
        return 1
    # expect: python-standards/compare-to-none
    elif n.size == None and n:
        return 2
    return n
