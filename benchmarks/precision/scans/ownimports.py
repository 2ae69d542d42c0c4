"""Which files of the fetched projects of held-out rounds 469 and later (their pinned heads, the clones run.py makes in
/work/corpora) the own-package import check of reviewer.rules.context.unresolved_import calls unimportable; prints them."""
import glob
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from reviewer.rules import context
projs = {}
for f in glob.glob(str(ROOT / 'benchmarks/precision/projects-heldout4[6-9]*.json')) + glob.glob(str(ROOT / 'benchmarks/precision/projects-heldout5*.json')):
    for p in json.load(open(f))['projects']:
        projs[p['name']] = p
hits = 0
for name, p in sorted(projs.items()):
    d = f"/work/corpora/{name}"
    try:
        fl = subprocess.run(['git', '-C', d, 'ls-tree', '-r', '--name-only', p['head']], capture_output=True, text=True, check=True).stdout.split('\n')
    except Exception:
        continue
    fl = [x for x in fl if x]
    pk = context.own_packages(fl)
    if not pk: continue
    names = context.module_names([x for x in fl if x.endswith(context._PYTHON_MODULE)])
    cache = {}
    def read(q):
        if q not in cache:
            r = subprocess.run(['git', '-C', d, 'show', f"{p['head']}:{q}"], capture_output=True, text=True, errors='replace')
            cache[q] = r.stdout if r.returncode == 0 else None
        return cache[q]
    for f in fl:
        if not f.endswith('.py'): continue
        t = read(f)
        if not t or not any(f"import {n}." in t or f"from {n}." in t for n in pk): continue
        m = context.unresolved_import(f, t, context.module_names(fl), read, (pk, names))
        if m: hits += 1; print(name, f, m, flush=True)
print('hits', hits, file=sys.stderr)
