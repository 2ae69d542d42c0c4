"""Labelled findings in a unit (package or module) directly inside a library-named folder, by whether the unit
declares its own release (`__version__`) and someone's name (`__author__`, `__copyright__`, a Copyright line).
A one-off scan of the labels (run from anywhere): it reads the fetched mirrors (/work/.mirror) or the clones
run.py makes (/work/corpora); the pass it served is in docs/precision-history.md.
"""
import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from reviewer.rules.context import _LIBRARY_FOLDER  # noqa: E402

repos = {name: p['repo'] for name, p in mirrors.projects().items()}
L = mirrors.labels()
META_V = re.compile(r'^__version__\s*=', re.M)
META_A = re.compile(r'^__(author|copyright)__\s*=|^#.*\bcopyright\b|^\s*copyright\b|\bauthor\s*:', re.M | re.I)
cache = {}
out = collections.Counter()
ex = collections.defaultdict(list)
for l in L:
    parts = l['path'].split('/')
    unit = None
    for i in range(min(2, len(parts) - 1)):
        if _LIBRARY_FOLDER.fullmatch(parts[i]):
            folder = '/'.join(parts[:i + 1])
            rest = parts[i + 1:]
            unit = folder + '/' + rest[0] + ('/__init__.py' if len(rest) > 1 else '')
            break
    if not unit:
        continue
    c = l['commit'].split(':')[-1]
    key = (l['project'], c, unit)
    if key not in cache:
        d = mirrors.git_dir(repos.get(l['project'], 'x/x'))
        t = (mirrors.show(d, c, unit) if d else None) or ''
        head = '\n'.join(t.split('\n')[:60])
        cache[key] = (bool(META_V.search(head)), bool(META_A.search(head)))
    v, a = cache[key]
    out[(v, a, l['verdict'])] += 1
    ex[(v, a, l['verdict'])].append((l['project'], unit))
for k in sorted(out): print(k, out[k], collections.Counter(ex[k]).most_common(6))
