# path: core/lib/geotools.py
# A module in a library folder with a release of its own but nobody's name: a module of the project's own
# that keeps a version (compare-to-none-in-library-copy.py names an author too).
"""Geo tools of the add-on."""

__version__ = "1.4"


def shape_index(i, parts):
    # expect: python-standards/compare-to-none
    if i == None:
        return len(parts)
    return i
