"""Labelled `compare-to-none` / `compare-not-none` findings by their project's ratio of `== None` to `is None`
comparisons, counted as reviewer.rules.practice counts them (every Python file of the repository at the
finding's commit): for choosing `practice.RATIO`, the ratio from which a project's style is `== None`.
Prints one row per project (ratio, counts, TP, FP) in ratio order."""
import collections

from mirrors import files, labelled, texts

from reviewer.rules import practice

rows = {}
verdicts = collections.Counter()
counted = {}
for lab, d, commit in labelled(lambda l: l["rule"].endswith(("/compare-to-none", "/compare-not-none"))):
    if d is None:
        continue
    if (d, commit) not in counted:
        eq = ident = 0
        for _path, text in texts(d, commit, [p for p in files(d, commit) if p.endswith(".py")]).items():
            e, i = practice._counts(text)
            eq, ident = eq + e, ident + i
        counted[(d, commit)] = (eq, ident)
    verdicts[(lab["project"], lab["verdict"])] += 1
    rows.setdefault(lab["project"], counted[(d, commit)])
for project, (eq, ident) in sorted(rows.items(), key=lambda kv: -kv[1][0] / max(kv[1][1], 1)):
    ratio = eq / max(ident, 1)
    print(f"{ratio:7.1f}  == {eq:5d}  is {ident:5d}  TP {verdicts[(project, 'TP')]:4d}  FP {verdicts[(project, 'FP')]:4d}  {project}")
