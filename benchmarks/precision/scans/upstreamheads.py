"""upstreamheads.py BEFORE_ROOT AFTER_ROOT: the Python files, at the heads of the fetched mirrors (/work/.mirror), whose
verdict by `purpose.upstream_copy`, `purpose.says_copy` or `purpose.foreign_notice` (against a license no file names,
so any notice counts) differs between the reviewer at BEFORE_ROOT and the one at AFTER_ROOT (checkouts of any two
commits). Only files whose text holds an address or a line opening with a quote are read. The pass it served is in
docs/precision-history.md (the forty-first: aphla's copies of xmltodict, y_serial, gaussfitter and mpfit)."""
import importlib.util
import os
import subprocess
import sys


def load(root: str, name: str):
    spec = importlib.util.spec_from_file_location(name, os.path.join(root, "reviewer", "rules", "purpose.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


old, new = load(sys.argv[1], "before_purpose"), load(sys.argv[2], "after_purpose")
changed = 0
for mdir in sorted(os.listdir("/work/.mirror")):
    m = f"/work/.mirror/{mdir}/repo"
    if not os.path.isdir(m):
        continue
    try:
        files = subprocess.run(["git", "-C", m, "grep", "-l", "-I", "-e", "://", "-e", '^"', "HEAD", "--", "*.py"],
                               capture_output=True, text=True, timeout=60).stdout.splitlines()
    except subprocess.TimeoutExpired:
        continue
    home = frozenset({old.normal_name(mdir.split("+", 1)[1])})
    for f in files:
        if ":" not in f:
            continue
        path = f.split(":", 1)[1]
        base = path.rsplit("/", 1)[-1]
        unit = base[:-3] if base != "__init__.py" else (path.split("/")[-2] if "/" in path else "")
        text = subprocess.run(["git", "-C", m, "show", f], capture_output=True).stdout.decode("utf-8", "replace")
        verdicts = [(p.upstream_copy(text, unit, home, ""), p.says_copy(text), p.foreign_notice(text, frozenset({"zzz"})))
                    for p in (old, new)]
        if verdicts[0] != verdicts[1]:
            changed += 1
            print(mdir, path, verdicts[0], "->", verdicts[1], flush=True)
print("changed", changed)
