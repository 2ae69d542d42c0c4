# license: GPLv3
# The notice below puts this file under another license than the project's: someone else's code, copied
# in (MAVProxy's NaturalPoint SDK files). Every rule skips it; see compare-to-none-in-own-file.py.
#Copyright (c) 2021 Naturalpoint
#
#Licensed under the Apache License, Version 2.0 (the "License")


def unpack(data, test_object):
    # ok: python-standards/compare-to-none
    if test_object == None:
        return data
    # ok: python-standards/compare-not-none
    return data if test_object != None else None
