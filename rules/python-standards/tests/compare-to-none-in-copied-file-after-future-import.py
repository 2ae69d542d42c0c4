# license: MIT
# A copied file's notice may follow its `from __future__` lines (GoSublime keeps Google's diff-match-patch
# with `from __future__ import division` above its notice): it is still the file's opening notice, and every
# rule skips the copy. See compare-to-none-in-own-file.py for the team's own file.
from __future__ import division

"""Diff Match and Patch

Copyright 2006 Google Inc.

Licensed under the Apache License, Version 2.0 (the "License");
"""


def diff_main(text1, text2, deadline=None):
    # ok: python-standards/compare-to-none
    if deadline == None:
        deadline = 1.0
    return text1, text2, deadline
