"""Which labelled findings a pylint category (`disable=C,R`, `--disable=W` on a command line, also in a GitHub
Actions workflow) would silence if reviewer.rules.lintconfig read a category as every message of it (it does
not: measured here, alerta's five exceptions built and not raised, all worth saying, would go; since the
twenty-seventh pass it reads the Convention category, `C`, style alone: codes.CONVENTION; there it silences
tobac's 1 and Nagstamon's 8 findings judged noise and nni's 6 judged worth saying). The scan teaches
codes.rules_for the categories for its own run only. Prints each such label and a table per project (TP/FP)."""
import collections

from mirrors import checked_out, files, labelled, print_projects

from reviewer.rules import codes, lintconfig

_rules_for = codes.rules_for


def _with_categories(tool, code):
    if tool == "pylint" and len(code) == 1 and code.upper() in "CRWEIF":
        return tuple(dict.fromkeys(r for c, rules in codes.PYLINT.items() if c[0] == code.upper() and c[1:].isdigit()
                                   for r in rules))
    return _rules_for(tool, code)


codes.rules_for = _with_categories
lintconfig.codes.rules_for = _with_categories
CATEGORY_RULES = {r for letter in "CRWEIF" for r in codes.rules_for("pylint", letter)}
NAMES = ("pylintrc", ".pylintrc", "pyproject.toml", "setup.cfg", "tox.ini", "Makefile", "makefile", "GNUmakefile",
         ".pre-commit-config.yaml")

table = collections.Counter()
cache = {}
for lab, d, commit in labelled(lambda l: l["rule"] in CATEGORY_RULES):
    if d is None:
        continue
    if (d, commit) not in cache:
        want = [p for p in files(d, commit) if p in NAMES or (p.startswith(".github/workflows/") and p.count("/") == 2)]
        with checked_out(d, commit, want) as tmp:
            entries = lintconfig.load(tmp).entries
        cache[(d, commit)] = [e for e in entries if e.source.split(": ")[-1].strip().upper() in tuple("CRWEIF")]
    hit = [e.source for e in cache[(d, commit)] if lab["rule"] in e.ids]  # categories are global (no glob)
    if hit:
        table[(lab["project"], lab["verdict"])] += 1
        print(lab["verdict"], lab["project"], lab["commit"][:14], lab["path"], lab["rule"], hit[0], sep="\t")
print_projects(table)
