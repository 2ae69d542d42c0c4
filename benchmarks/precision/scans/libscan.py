"""Labelled findings in a unit (package or module) directly inside a library-named folder, by whether the unit
declares its own release (`__version__`) and someone's name (`__author__`, `__copyright__`, a Copyright line).
A one-off scan of the labels (run from anywhere): it reads the fetched mirrors (/work/.mirror) or the clones
run.py makes (/work/corpora); the pass it served is in docs/precision-history.md.
"""
import json, glob, subprocess, sys, re, collections
sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parents[3]))
from reviewer.rules.context import _LIBRARY_FOLDER
repos = {}
for f in glob.glob(str(__import__('pathlib').Path(__file__).resolve().parents[1]) + '/projects*.json'):
    for p in json.load(open(f))['projects']:
        repos[p['name']] = p['repo']
L = [json.loads(l) for l in open(str(__import__('pathlib').Path(__file__).resolve().parents[1]) + '/labels.jsonl')]
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
        d = '/work/.mirror/%s/repo' % repos.get(l['project'], 'x/x').replace('/', '+')
        t = subprocess.run(['git', '--git-dir', d, 'show', f'{c}:{unit}'], capture_output=True, text=True, errors='replace').stdout
        head = '\n'.join(t.split('\n')[:60])
        cache[key] = (bool(META_V.search(head)), bool(META_A.search(head)))
    v, a = cache[key]
    out[(v, a, l['verdict'])] += 1
    ex[(v, a, l['verdict'])].append((l['project'], unit))
for k in sorted(out): print(k, out[k], collections.Counter(ex[k]).most_common(6))
