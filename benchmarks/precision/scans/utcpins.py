"""How the pinned-packages ceiling (reviewer.rules.pyversion: a project that names no Python but pins a package
release that no newer Python installs) decides the labelled `utcnow` findings, pull-request and whole-tree ones:
for each label, the Python ceiling that now governs its file, when it comes from such a pin. Prints the labels it
silences and a table (TP/FP silenced per project)."""
import collections
from pathlib import PurePosixPath

from mirrors import checked_out, files, labelled, print_projects

from reviewer.rules import pyversion

NAMES = {"pyproject.toml", "setup.cfg", "setup.py", "tox.ini", "ruff.toml", ".ruff.toml", *pyversion.PINNED_FILES,
         pyversion.DOCKERFILE, pyversion.PIPFILE, *pyversion.REQUIREMENT_FILES, *pyversion.CONDA_FILES}


def governing(d, commit, path):
    """The newest Python that governs `path` at the commit, read from the metadata files of its folders."""
    folders = {"/".join(PurePosixPath(path).parent.parts[:i]) for i in range(len(PurePosixPath(path).parent.parts) + 1)}
    want = [p for p in files(d, commit)
            if (str(PurePosixPath(p).parent) if "/" in p else "") in folders and PurePosixPath(p).name in NAMES
            or p in pyversion.CI_FILES or (p.startswith(".github/workflows/") and p.count("/") == 2)
            or any(p == f"{c}/{n}" for c in pyversion.CONDA_DIRS for n in pyversion.CONDA_FILES)]
    with checked_out(d, commit, want) as tmp:
        return pyversion.Pythons(tmp).newest(path)


table = collections.Counter()
for lab, d, commit in labelled(lambda l: l["rule"].endswith("/utcnow")):
    if d is None:
        continue
    new = governing(d, commit, lab["path"])
    if new is not None and "installs on Python" in new.source and new.version < (3, 12):
        table[(lab["project"], lab["verdict"])] += 1
        print(lab["verdict"], lab["project"], lab["commit"][:12], lab["path"], new.source, sep="\t")
print_projects(table)
