"""Which folders of the fetched projects (their pinned heads, the clones run.py makes in /work/corpora) the `retired`
context of reviewer.rules.context takes for code kept aside, and which folders of those names it does not (a file
outside imports them, a console script lives there, or they sit in a test folder); prints each with its count of
Python files. Arguments: the projects-*.json files to read (default: held-out rounds 469 and later)."""
import glob
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from reviewer.rules import context  # noqa: E402

files = sys.argv[1:] or sorted(glob.glob(str(ROOT / 'benchmarks/precision/projects-heldout4[6-9]?.json'))
                               + glob.glob(str(ROOT / 'benchmarks/precision/projects-heldout5??.json')))
projs = {}
for f in files:
    for p in json.load(open(f))['projects']:
        projs[p['name']] = p
kept = live = 0
for name, p in sorted(projs.items()):
    d = f"/work/corpora/{name}"
    r = subprocess.run(['git', '-C', d, 'ls-tree', '-r', '--name-only', p['head']], capture_output=True, text=True)
    if r.returncode:
        continue
    fl = [x for x in r.stdout.split('\n') if x]
    folders = {}
    for f in fl:
        if f.endswith('.py'):
            folder = context.retired_folder(f, context.DEFAULT_RETIRED)
            if folder is not None:
                folders.setdefault(folder, []).append(f)
    if not folders:
        continue

    def read(q, d=d, head=p['head']):
        r = subprocess.run(['git', '-C', d, 'show', f"{head}:{q}"], capture_output=True, text=True, errors='replace')
        return r.stdout if r.returncode == 0 else None
    ctx = context.Contexts(paths=lambda fl=fl: fl, read=read)
    for folder, members in sorted(folders.items()):
        retired = ctx.is_retired(members[0])
        kept += retired
        live += not retired
        print(f"{'retired' if retired else 'live   '} {name} {folder}/ ({len(members)} .py)", flush=True)
print(f"retired folders: {kept}; live: {live}", file=sys.stderr)
