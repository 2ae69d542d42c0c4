# license: GPL-3.0-or-later
# The same file in a project under the license its notice names: the code is the team's own, and the
# exception built and not raised is reported. See exception-not-raised-in-copied-file.py.
# Druggability: Python Package and VMD GUI for Druggability Index Analysis
# Copyright (C) 2010  Ahmet Bakan
# This program is free software: you can redistribute it and/or modify
# it under the terms of the GNU General Public License as published by
# the Free Software Foundation, either version 3 of the License, or
# (at your option) any later version.


def get_probe(name, probes):
    if name not in probes:
        # expect: python-standards/exception-not-raised
        ValueError("{0} is not a known probe".format(name))
    return probes[name]
