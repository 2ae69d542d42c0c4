# license: MIT
# The notice below puts this file under another license than the project's: someone else's code, copied
# in (python-twitter's api.py in SickChill). Every rule skips it, as every rule
# skips a vendored folder: a bug there is upstream's. See exception-not-raised-in-own-file.py.
# Druggability: Python Package and VMD GUI for Druggability Index Analysis
# Copyright (C) 2010  Ahmet Bakan
# This program is free software: you can redistribute it and/or modify
# it under the terms of the GNU General Public License as published by
# the Free Software Foundation, either version 3 of the License, or
# (at your option) any later version.


def get_probe(name, probes):
    if name not in probes:
        # ok: python-standards/exception-not-raised
        ValueError("{0} is not a known probe".format(name))
    return probes[name]
