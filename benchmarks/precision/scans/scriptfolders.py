"""Labelled compare-to-none / compare-not-none findings in projects cloned in /work/corpora whose top-level folder
writes `== None` as its style (reviewer.rules.practice.none_by_equality over that folder's .py files at the label's
commit, up to 400 files) while the project as a whole does not, counted by verdict; with SCRIPTS=1 (the default)
only folders of scripts, no `__init__.py` and no packaging anywhere below them (the fortieth pass's
`its scripts write == None`), with SCRIPTS=0 every top-level folder. Run from anywhere; minutes."""
import collections
import json
import os
import subprocess
import sys
sys.path.insert(0, '/work/main')
from reviewer.rules import practice
cache = {}
def texts(proj, commit, folder):
    k = (proj, commit, folder)
    if k not in cache:
        d = f'/work/corpora/{proj}'
        r = subprocess.run(['git', '-C', d, 'ls-tree', '-r', '--name-only', commit, '--', folder or '.'], capture_output=True, text=True)
        fl = [f for f in r.stdout.split('\n') if f.endswith('.py')]
        out = []
        for f in fl[:400]:
            t = subprocess.run(['git', '-C', d, 'show', f'{commit}:{f}'], capture_output=True, text=True, errors='replace').stdout
            if practice.compares_with_none(t): out.append(t)
        cache[k] = out
    return cache[k]
c = collections.Counter(); ex = collections.defaultdict(collections.Counter)
for l in open('/work/main/benchmarks/precision/labels.jsonl'):
    d = json.loads(l)
    if not d['rule'].endswith(('compare-to-none', 'compare-not-none')) or '/' not in d['path']: continue
    if not os.path.isdir(f"/work/corpora/{d['project']}"): continue
    commit = d['commit'].removeprefix('tree:')
    top = d['path'].split('/')[0]
    fs = practice.none_by_equality(texts(d['project'], commit, top))
    r = subprocess.run(['git', '-C', f"/work/corpora/{d['project']}", 'ls-tree', '-r', '--name-only', commit, '--', top], capture_output=True, text=True).stdout.split('\n')
    script = os.environ.get('SCRIPTS', '1') == '0' or not any(x.endswith('/__init__.py') or x.rsplit('/',1)[-1] in ('setup.py','pyproject.toml','setup.cfg') for x in r)
    if fs and script:
        ps = practice.none_by_equality(texts(d['project'], commit, ''))
        c[(bool(ps), d['verdict'])] += 1
        ex[(d['project'], top, bool(ps))][d['verdict']] += 1
print(c)
for k, v in sorted(ex.items()): print(k, dict(v))
