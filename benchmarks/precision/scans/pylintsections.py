"""Which labelled findings a pylint `disable` outside `[MESSAGES CONTROL]` silences (pylint reads every section of
a pylintrc, and of setup.cfg and tox.ini those named `pylint...`, as one set of options; reviewer.rules.lintconfig
reads them so since the twenty-seventh pass: Nagstamon's `[MASTER] disable=R,C,W`, 8 `== None` findings judged
noise in held-out round 441). Prints each such label and a table per project (TP/FP)."""
import collections

from mirrors import checked_out, files, labelled, print_projects

from reviewer.rules import codes, lintconfig

NAMES = ("pylintrc", ".pylintrc", "setup.cfg", "tox.ini", "pyproject.toml")
MAPPED = {r for rules in codes.PYLINT.values() for r in rules}
table = collections.Counter()
cache: dict = {}
for lab, d, commit in labelled(lambda l: l["rule"] in MAPPED):
    if d is None:
        continue
    commit = commit.replace("tree:", "")
    if (d, commit) not in cache:
        want = [p for p in files(d, commit) if p in NAMES]
        with checked_out(d, commit, want) as tmp:
            cache[(d, commit)] = lintconfig.load(tmp)
    hits = [e.source for e in cache[(d, commit)].for_path(lab["path"]) if lab["rule"] in e.ids
            and ("pylintrc" in e.source or "pylint." in e.source.lower() or "[pylint" in e.source.lower())
            and "messages" not in e.source.lower()]
    if hits:
        table[(lab["project"], lab["verdict"])] += 1
        print(lab["verdict"], lab["project"], lab["commit"][:14], lab["path"], lab["rule"], hits[0], sep="\t")
print_projects(table)
