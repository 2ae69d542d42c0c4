"""Labelled `mutable-default` findings on a private function's parameter (`_helper`), outside test files, by
whether the repository calls it and every use of its name is a call that gives the argument (the finding would
then leave as "default never used", as a test helper's does). Measured and not built: the judges call most
such findings worth saying (a latent shared dict that a future call without the argument would hit). A one-off scan of the labels (run from anywhere): it reads
the fetched mirrors (/work/.mirror), the labelled file and every Python file of its commit. The pass it served
is in docs/precision-history.md.
"""
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from reviewer.config import RulesConfig  # noqa: E402
import ast  # noqa: E402

from reviewer.rules import callers, context  # noqa: E402
from reviewer.rules.callers import _calls, _counts, _imported, _leaves_out  # noqa: E402


def private(target):
    return target.function.startswith("_") and not target.function.endswith("__")


def naming(sources, name):
    import re
    word = re.compile(r"\b" + re.escape(name) + r"\b")
    for i, text in enumerate(sources._texts):
        tree = sources._tree(i) if word.search(text) else None
        if tree is not None:
            yield tree


def passed_by_every_use(target, sources):
    """Called somewhere, and every use of the name is a call that passes the parameter (a use that is no call,
    a call that may leave it out, or one that cannot be told apart from the target's says no)."""
    family = sources.family(target.owner) if target.owner else set()
    called = False
    for tree in naming(sources, target.function):
        imported = _imported(tree) if target.method else set()
        heads = set()
        for call, where in _calls(tree):
            func = call.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name != target.function:
                continue
            if not _counts(call, where, target, family, imported) or _leaves_out(call, target) is not False:
                return False
            called = True
            heads.add(id(func))
        for node in ast.walk(tree):
            named = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if named == target.function and id(node) not in heads:
                return False
    return called

tests = context.from_config(RulesConfig(), None)


def texts(d, commit):
    return list(mirrors.texts(d, commit, [n for n in mirrors.files(d, commit) if n.endswith(".py")]).values())


out = collections.Counter()
ex = collections.defaultdict(list)
sources = {}
for lab, d, commit in mirrors.labelled(lambda lab: lab["rule"] == "python-standards/mutable-default"
                                       and "tests" not in tests.kinds(lab["path"], None)):
    if d is None:
        out[("no mirror", lab["verdict"])] += 1
        continue
    text = mirrors.show(d, commit, lab["path"]) or ""
    targets = callers.targets_at(text, lab["line"])
    if not targets or not all(private(t) for t in targets):
        out[("public (or not found)", lab["verdict"])] += 1
        continue
    key = (lab["project"], commit)
    if key not in sources:
        sources[key] = callers.Sources(texts(d, commit))
    gone = all(passed_by_every_use(t, sources[key]) for t in targets)
    what = "private: every use gives it (would go)" if gone else "private: kept"
    out[(what, lab["verdict"])] += 1
    ex[(what, lab["verdict"])].append((lab["project"], lab["path"], targets[0].function))
for k in sorted(out):
    print(k, out[k], ex[k][:8])
