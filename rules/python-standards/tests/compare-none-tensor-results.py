# path: phi/vis/_plots.py
# No array library is imported here (phiflow's tensors come from phiml), but the comparison's result is used as an
# array: an attribute of it, or an operand of `&`, `|`, `~`. `is None` would answer for the whole tensor.
from phiml import math


def plot(color, err, idx):
    # ok: python-standards/compare-to-none
    if (color[idx] == None).all:
        color = math.zeros()
    # ok: python-standards/compare-not-none
    if ((err[idx] != 0) & (err[idx] != None)).any:
        draw(err)
    # ok: python-standards/compare-to-none
    missing = ~(color == None)
    # ok: python-standards/compare-not-none
    count = (color != None).sum()
    # expect: python-standards/compare-to-none
    if color == None:
        return missing
    # expect: python-standards/compare-not-none
    if (err != None) and count:
        return count
    # expect: python-standards/compare-to-none
    return (color == None) or (err == None)
