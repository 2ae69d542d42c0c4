"""Projects whose own class compares equal to None (a null object: `def __eq__(self, other): return other is None`),
and how their labelled `== None` findings were judged.
A one-off scan of the labels (run from anywhere): it reads the fetched mirrors (/work/.mirror) or the clones
run.py makes (/work/corpora); the pass it served is in docs/precision-history.md.
"""
import json, re, subprocess, collections, os
PAT = re.compile(r"def __eq__\(\s*self\s*,\s*(\w+)[^)]*\)\s*(?:->[^:]+)?:\s*\n(?:\s*(?:#[^\n]*|\"\"\"[^\n]*\"\"\"|'''[^\n]*''')\s*\n)*"
                 r"\s*(?:return\s*\(?\s*\1\s+is\s+None\b|if\s+\(?\s*\1\s+is\s+None\s*\)?\s*:\s*(?:\n\s*)?return\s+True\b)")
L = [json.loads(l) for l in open(str(__import__('pathlib').Path(__file__).resolve().parents[1]) + '/labels.jsonl')]
by = collections.defaultdict(collections.Counter)
for l in L:
    if l['rule'].endswith(('compare-to-none', 'compare-not-none')):
        by[l['project']][l['verdict']] += 1
hits = []
for proj in sorted(os.listdir('/work/corpora')):
    d = '/work/corpora/' + proj
    out = subprocess.run(['git', '-C', d, 'grep', '-l', '-E', r'def __eq__', 'HEAD', '--', '*.py'], capture_output=True, text=True).stdout.split()
    found = []
    for f in out[:400]:
        ref, path = f.split(':', 1)
        t = subprocess.run(['git', '-C', d, 'show', f], capture_output=True, text=True, errors='replace').stdout
        if PAT.search(t):
            found.append(path)
    if found:
        hits.append(proj)
        print(proj, dict(by.get(proj, {})), found[:3])
print(len(hits), 'projects')
