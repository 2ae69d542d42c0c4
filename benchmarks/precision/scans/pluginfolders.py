"""Labelled compare-to-none / compare-not-none findings whose top-level folder counts as a plugin only since the
thirty-eighth pass (a folder that holds a project's packaging below it, not a package at the top), in a
repository of three such folders or more, and whose folder writes `== None` as its style
(`practice.none_by_equality`): the findings `tasks/review.py`'s `_folder_styles` now drops. A one-off scan of
the labels (run from anywhere): it reads the fetched mirrors (/work/.mirror). The pass it served is in
docs/precision-history.md.
"""
import json, sys, collections
sys.path.insert(0, '/work/main/benchmarks/precision/scans')
import mirrors
from reviewer.rules import practice
PK = ("setup.py", "pyproject.toml", "setup.cfg")
cache = {}
out = collections.Counter(); ex = collections.Counter()
for lab, d, commit in mirrors.labelled(lambda l: l['rule'].split('/')[-1] in ('compare-to-none', 'compare-not-none') and '/' in l['path']):
    if d is None: continue
    key = (d, commit)
    if key not in cache:
        fs = mirrors.files(d, commit)
        old = {p.split('/')[0] for p in fs if p.count('/') == 1 and p.endswith('/__init__.py')}
        new = old | {p.split('/')[0] for p in fs if '/' in p and p.rsplit('/', 1)[-1] in PK}
        cache[key] = (fs, old, new, {})
    fs, old, new, styles = cache[key]
    top = lab['path'].split('/')[0]
    was = len(old) >= 3 and top in old
    now = len(new) >= 3 and top in new
    if was == now: continue
    if top not in styles:
        texts = mirrors.texts(d, commit, [p for p in fs if p.startswith(top + '/') and p.endswith('.py')])
        styles[top] = bool(practice.none_by_equality([t for t in texts.values() if practice.compares_with_none(t)]))
    if styles[top]:
        out[lab['verdict']] += 1; ex[(lab['project'], top, lab['verdict'])] += 1
print(out)
for k, v in ex.most_common(30): print(k, v)
