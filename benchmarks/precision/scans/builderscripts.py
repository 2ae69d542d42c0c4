"""Labelled findings in PsychoPy Builder scripts beside the experiment they are compiled from
(`Contexts.builder_script`): what the generated context takes since the thirty-eighth pass. A one-off scan of the
labels (run from anywhere): it reads each file at its labelled commit from the fetched mirrors (/work/.mirror). The
pass it served is in docs/precision-history.md.
"""
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from reviewer.rules import context  # noqa: E402

texts = {}
contexts = {}
out = collections.Counter()
where = collections.Counter()
for lab, d, commit in mirrors.labelled(lambda lab: lab["path"].endswith(".py")):
    if d is None:
        continue
    key = (d, commit, lab["path"])
    if key not in texts:
        text = mirrors.show(d, commit, lab["path"]) or ""
        texts[key] = text if context._BUILDER_HEADER.search(text[:context._BUILDER_HEAD]) else None
    if texts[key] is None:  # not a Builder script
        continue
    if (d, commit) not in contexts:
        contexts[(d, commit)] = context.Contexts(paths=lambda files=mirrors.files(d, commit): files)
    beside = contexts[(d, commit)].builder_script(lab["path"], texts[key])
    out[(beside, lab["verdict"])] += 1
    where[(lab["project"], beside, lab["verdict"])] += 1
print(out)
for k, v in where.most_common():
    print(k, v)
