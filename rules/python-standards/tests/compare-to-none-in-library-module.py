# path: core/lib/geometry.py
# A module of the project's own in its library folder: it names an author but carries no release of its own
# (no `__version__`, no "version:" line), so it is not taken for a copy (compare-to-none-in-library-copy.py).
"""
Geometry helpers for the add-on.
author: domlysz
"""


def shape_index(i, parts):
    # expect: python-standards/compare-to-none
    if i == None:
        return len(parts)
    return i
