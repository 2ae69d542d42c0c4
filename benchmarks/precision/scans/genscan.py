"""Which labelled findings sit in files the new generated-header patterns take (ANTLR, SWIG).
A one-off scan of the labels (run from anywhere): it reads the fetched mirrors (/work/.mirror) or the clones
run.py makes (/work/corpora); the pass it served is in docs/precision-history.md.
"""
import json, glob, subprocess, sys, collections
sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parents[3]))
from reviewer.rules.context import generated_marker
repos = {}
for f in glob.glob(str(__import__('pathlib').Path(__file__).resolve().parents[1]) + '/projects*.json'):
    for p in json.load(open(f))['projects']:
        repos[p['name']] = p['repo']
L = [json.loads(l) for l in open(str(__import__('pathlib').Path(__file__).resolve().parents[1]) + '/labels.jsonl')]
seen = {}
out = collections.Counter()
for l in L:
    c = l['commit'].split(':')[-1]
    key = (l['project'], c, l['path'])
    if key not in seen:
        r = repos.get(l['project'])
        if not r: seen[key] = None; continue
        d = '/work/.mirror/%s/repo' % r.replace('/', '+')
        t = subprocess.run(['git', '--git-dir', d, 'show', f'{c}:{l["path"]}'], capture_output=True, text=True, errors='replace').stdout
        head = '\n'.join(t.split('\n')[:10])
        seen[key] = generated_marker(head)
    if seen[key]:
        out[(l['project'], l['path'], l['verdict'])] += 1
for k, v in out.most_common(): print(v, k)
print('files', len(seen), 'unknown', sum(1 for v in seen.values() if v is None))
