"""Which labelled findings sit in files the new generated-header patterns take (ANTLR, SWIG).
A one-off scan of the labels (run from anywhere): it reads the fetched mirrors (/work/.mirror) or the clones
run.py makes (/work/corpora); the pass it served is in docs/precision-history.md.
"""
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from reviewer.rules.context import generated_marker  # noqa: E402

repos = {name: p['repo'] for name, p in mirrors.projects().items()}
L = mirrors.labels()
seen = {}
out = collections.Counter()
for l in L:
    c = l['commit'].split(':')[-1]
    key = (l['project'], c, l['path'])
    if key not in seen:
        r = repos.get(l['project'])
        if not r: seen[key] = None; continue
        d = mirrors.git_dir(r)
        t = (mirrors.show(d, c, l['path']) if d else None) or ''
        head = '\n'.join(t.split('\n')[:10])
        seen[key] = generated_marker(head)
    if seen[key]:
        out[(l['project'], l['path'], l['verdict'])] += 1
for k, v in out.most_common(): print(v, k)
print('files', len(seen), 'unknown', sum(1 for v in seen.values() if v is None))
