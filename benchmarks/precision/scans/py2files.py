"""Labelled findings in files that only Python 2 compiles (reviewer.rules.context.python2_only: a print or exec
statement, `except X, e:`), by project, the oldest Python it names and verdict. The `unimportable` context takes
those in a project whose oldest Python is a Python 3. Prints each such label and a table."""
import collections

from mirrors import checked_out, files, labelled, texts

from reviewer.rules import context, pyversion

table = collections.Counter()
seen, floors = {}, {}
for lab, d, commit in labelled(lambda l: True):
    if d is None:
        continue
    key = (d, commit, lab["path"])
    if key not in seen:
        text = texts(d, commit, [lab["path"]]).get(lab["path"])
        seen[key] = text is None or not context.python2_only(text)
    if seen[key]:
        continue
    if (d, commit) not in floors:
        want = [p for p in files(d, commit) if p in ("pyproject.toml", "setup.cfg", "setup.py")]
        with checked_out(d, commit, want) as tmp:
            floor = pyversion.oldest(tmp)
        floors[(d, commit)] = floor.text() if floor else "-"
    table[(lab["project"], floors[(d, commit)], lab["verdict"])] += 1
    print(lab["verdict"], lab["project"], floors[(d, commit)], lab["commit"][:14], lab["path"], lab["rule"], sep="\t")
print()
for project, floor in sorted({(p, f) for p, f, _ in table}):
    print(f"{project} (oldest Python {floor}): TP {table[(project, floor, 'TP')]} FP {table[(project, floor, 'FP')]}")
