"""Labelled findings in a file whose opening notice says in words it is a copy (`purpose.says_copy`: "this file
is a modified copy of ..."), by verdict: what the copied context takes since the thirty-eighth pass. A one-off
scan of the labels (run from anywhere): it reads each file at its labelled commit from the fetched mirrors
(/work/.mirror). The pass it served is in docs/precision-history.md.
"""
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from reviewer.rules import purpose  # noqa: E402

said = {}
out = collections.Counter()
files = collections.Counter()
for lab, d, commit in mirrors.labelled(lambda lab: True):
    if d is None:
        continue
    key = (d, commit, lab["path"])
    if key not in said:
        said[key] = purpose.says_copy(mirrors.show(d, commit, lab["path"]) or "")
    if said[key]:
        out[lab["verdict"]] += 1
        files[(lab["project"], lab["path"], said[key], lab["verdict"])] += 1
print(out)
for k, v in files.most_common():
    print(k, v)
