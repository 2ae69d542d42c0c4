# path: core/lib/shapefile.py
# A module directly in a library folder whose top carries a release of its own and another author's name is
# that library's copy (BlenderGIS keeps pyshp 2.1.0 as core/lib/shapefile.py): every rule skips it, as a
# vendored folder. See compare-to-none-in-library-module.py for a module of the project's own there.
"""
shapefile.py
Provides read and write support for ESRI Shapefiles.
author: jlawhead<at>geospatialpython.com
version: 2.1.0
"""

__version__ = "2.1.0"


def shape_index(i, parts):
    # ok: python-standards/compare-to-none
    if i == None:
        return len(parts)
    return i
