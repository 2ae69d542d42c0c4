"""Labelled `exception-not-raised` findings by whether `callers.Sources.constructor_acts` takes the called name for
one of the repository's exception classes whose constructor acts. A one-off scan of the labels (run from
anywhere): it reads the fetched mirrors (/work/.mirror) and the corpora clones (/work/corpora), builds the
repository's sources at the finding's commit, and asks as the review would. The pass it served is in
docs/rules.md (`callee: exception`)."""
import collections
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from reviewer.rules import callers  # noqa: E402
projects = mirrors.projects()
res = collections.Counter(); seen = {}
for lab in mirrors.labels():
    if lab['rule'] != 'python-standards/exception-not-raised': continue
    p = projects.get(lab['project'])
    if not p: continue
    d = mirrors.git_dir(p['repo'])
    if d is None:
        c = f"/work/corpora/{lab['project']}"
        d = c + '/.git' if os.path.isdir(c + '/.git') else (c if os.path.isdir(c) else None)
    if d is None:
        res[(lab['verdict'], 'no repo')] += 1; continue
    commit = lab['commit'].split(':')[-1]
    if commit == 'tree' or lab['commit'].startswith('tree'):
        commit = p['head']
    key = (d, commit)
    if key not in seen:
        files = [f for f in mirrors.files(d, commit) if f.endswith('.py')]
        seen[key] = callers.Sources(list(mirrors.texts(d, commit, files).values()))
    text = mirrors.show(d, commit, lab['path']) or ''
    name, origin = callers.called_at(text, lab['line'])
    acts = name is not None and seen[key].constructor_acts(name)
    res[(lab['verdict'], acts)] += 1
    if acts: print(lab['project'], lab['verdict'], name, lab['path'], lab['line'])
print(res)
