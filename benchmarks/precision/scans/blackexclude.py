"""Labelled findings in files that the project's black configuration leaves out (`[tool.black]` `exclude`,
`extend-exclude`, `force-exclude` regexes, matched as black does against "/" + the path). epy leaves its copy
of KindleUnpack out of black, isort and mypy (2 `utcnow` findings judged noise, held-out round 422); measured
whether black's exclusion says "not our code": it does not (liquidctl, codalab-worksheets and lux exclude
their own modules, 6 findings there worth saying, 1 noise), so the rules do not read it. Prints each label and
a table per project."""
import collections
import re
import tomllib

from mirrors import labelled, print_projects, texts

_cache: dict = {}


def patterns(d, commit):
    """black's exclusion regexes in the commit's pyproject.toml, by key."""
    if (d, commit) not in _cache:
        out = []
        text = texts(d, commit, ["pyproject.toml"]).get("pyproject.toml")
        try:
            black = tomllib.loads(text).get("tool", {}).get("black", {}) if text else {}
        except tomllib.TOMLDecodeError:
            black = {}
        for key in ("exclude", "extend-exclude", "force-exclude"):
            if isinstance(black.get(key), str):
                try:
                    out.append((key, re.compile(black[key], re.VERBOSE if "\n" in black[key] else 0)))
                except re.error:
                    pass
        _cache[(d, commit)] = out
    return _cache[(d, commit)]


table = collections.Counter()
for lab, d, commit in labelled(lambda l: True):
    if d is None:
        continue
    hit = next((key for key, p in patterns(d, commit.replace("tree:", "")) if p.search("/" + lab["path"])), None)
    if hit:
        table[(lab["project"], lab["verdict"])] += 1
        print(lab["verdict"], lab["project"], lab["path"], lab["rule"], hit, sep="\t")
print_projects(table)
