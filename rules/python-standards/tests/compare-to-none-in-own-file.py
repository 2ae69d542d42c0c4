# license: Apache-2.0
# The same notice in a project under the same license: the team's own file, checked as any other.
#Copyright (c) 2021 Naturalpoint
#
#Licensed under the Apache License, Version 2.0 (the "License")


def unpack(data, test_object):
    # expect: python-standards/compare-to-none
    if test_object == None:
        return data
    # expect: python-standards/compare-not-none
    return data if test_object != None else None
