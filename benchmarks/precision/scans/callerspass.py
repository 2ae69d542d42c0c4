"""callerspass.py OUT: for each labelled `mutable-default` finding outside test files, in a project with a fetched
mirror, how many calls of its function the repository makes at that commit (reviewer.rules.callers: by name, a
method through `self` or a plain variable, a constructor through its class) and how many leave the parameter
out, as JSON lines (project, commit, path, line, verdict, private, calls, leave_out). The question it answers:
whether "every call in the repository passes the argument" tells noise from findings worth saying outside tests.
The pass it served is in docs/precision-history.md."""
import ast
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402
from reviewer.rules import callers  # noqa: E402

out = open(sys.argv[1], "w")
sources: dict = {}
for lab, d, commit in mirrors.labelled(lambda lab: lab["rule"].endswith("mutable-default")
                                       and "test" not in lab["path"].lower()):
    if d is None:
        continue
    text = mirrors.show(d, commit, lab["path"])
    targets = callers.targets_at(text or "", lab["line"])
    if not targets:
        continue
    key = (lab["project"], commit)
    if key not in sources:
        names = [p for p in mirrors.files(d, commit) if p.endswith(".py")]
        sources.clear()  # one commit at a time: a project's sources are megabytes
        sources[key] = callers.Sources(list(mirrors.texts(d, commit, names).values()))
    src = sources[key]
    calls = leave = 0
    for t in targets:
        family = src.family(t.owner) if t.owner else set()
        wanted = {t.function} | (family if t.function == "__init__" else set())
        for tree in src.calling(wanted):
            imported = callers._imported(tree) if t.method else set()
            for call, where in callers._calls(tree):
                if callers._counts(call, where, t, family, imported):
                    calls += 1
                    leave += bool(callers._leaves_out(call, t))
    private = any(t.function.startswith("_") and not t.function.startswith("__") or t.param.startswith("_")
                  for t in targets)
    out.write(json.dumps([lab["project"], lab["commit"], lab["path"], lab["line"], lab["verdict"], private,
                          calls, leave]) + "\n")
    out.flush()
