# path: puddlestuff/tagsources/mp3tag/parse_debug.py
# A module named for debugging is a debugging aid (puddletag's harness stops where two parsers differ).
import pdb


def compare(ours, theirs):
    if ours != theirs:
        print(ours, theirs)
    # ok: python-standards/debugger-leftover
    pdb.set_trace()
