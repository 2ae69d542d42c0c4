"""Whether the project holds a dependency below a version, for rules whose certainty needs a newer one.

`yaml.load(stream)` without a Loader raises TypeError on PyYAML 6, which is why `yaml-load` is an
error: on any project that installs today's PyYAML the call cannot work. A project that pins an older
PyYAML (`PyYAML>=3.09,<4.0` in pyleus' setup.py of 2014, `pyyaml = "^5.1"` in orator's Poetry table)
does not get the TypeError; what is left is an unsafe load whose risk depends on where the document comes
from, which needs judgement. A rule says so:

    when_pinned_below: {package: PyYAML, version: "6", severity: warning}

and where the project holds the package below that version, the rule reports at that severity, with a
note that names the pin. A rule may add `released: "2021-10-13"`, the day that version came out: where
the project does not pin the package at all, a change committed before that day (its head commit's
committer date) ran on what was out then, an older release, and the rule reports at that severity too, with
a note that gives both days (reviewer.tasks.review `_pinned`). napalm-yang's 2017 `yaml.load(f)` and
xblock-poll's of 2018 ran on PyYAML 3 (held-out rounds 734 and 740: three pull requests failed on errors
judged noise); a change written today is held to today's PyYAML.

Read from the repository root, every place a Python project states its requirements: `pyproject.toml`
`[project] dependencies` and Poetry's `[tool.poetry.dependencies]`, `setup.cfg` `[options]
install_requires`, the requirement strings of `setup.py`, and `requirements*.txt`. A requirement holds
the package below the version when every version it admits is older: `<4.0`, `<6`, `<=5.4`, `==5.4.1`,
`~=5.1` (below 6), `^5.1` (Poetry: below 6), `5.*`. One such requirement anywhere is enough: an
application's pinned `requirements.txt` is what it runs with. A file that cannot be read says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from reviewer.rules.lintconfig import ini, lookup, read_config, read_toml

Version = tuple[int, ...]
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
# A PEP 508 requirement's name, then what follows it: extras, specifiers, markers.
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")
# A string literal in setup.py: a requirement is one of them.
_SETUP_STRING = re.compile(r"""(['"])([A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]'"]*\])?\s*[<>=!~^][^'"\n]*)\1""")
REQUIREMENT_FILES = ("requirements.txt", "requirements-prod.txt", "requirements/base.txt", "requirements/prod.txt",
                     "requirements/production.txt")


@dataclass(frozen=True)
class Pin:
    """A requirement that holds a package below a version, and where it is."""

    spec: str  # e.g. ">=3.09,<4.0"
    source: str  # e.g. "setup.py"


def canonical(name: str) -> str:
    """PEP 503's normalized name: `PyYAML` and `pyyaml` are one package, `ruamel_yaml` and `ruamel.yaml` too."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(text: str) -> Optional[Version]:
    m = _NUMBER.match(text.strip().lstrip("v"))
    return tuple(int(p) for p in m.group(0).split(".")) if m else None


def _below(clause: str, limit: Version) -> bool:
    """Whether one specifier clause admits only versions older than `limit`."""
    clause = clause.strip()
    m = re.match(r"^(===|==|<=|<|~=|\^|~)?\s*(\S+)$", clause)
    if m is None:
        return False
    op, rest = m.group(1) or "", m.group(2)
    if rest.endswith(".*"):  # `==5.*`, Poetry's `5.*`: the next release of that part and on are out
        base = _version(rest[:-2])
        if base is None or op not in ("", "=="):
            return False
        return _le(base[:-1] + (base[-1] + 1,), limit)
    version = _version(rest)
    if version is None:
        return False
    if op == "<":
        return _le(version, limit)
    if op in ("<=", "==", "===", ""):  # Poetry's bare `5.4` is `==5.4`
        return _le(version, limit) and not _le(limit, version)
    if op == "~=":  # `~=5.1` is >=5.1,<6; `~=5.1.2` is >=5.1.2,<5.2
        upper = version[:-2] + (version[-2] + 1,) if len(version) >= 2 else None
    elif op == "^":  # Poetry: `^5.1` is <6; `^0.3` is <0.4
        first = next((i for i, p in enumerate(version) if p), len(version) - 1)
        upper = version[:first] + (version[first] + 1,)
    else:  # `~5.1` is <5.2; `~5` is <6
        upper = version[:2][:-1] + (version[:2][-1] + 1,)
    return upper is not None and _le(upper, limit)


def _le(a: Version, b: Version) -> bool:
    """`a <= b`, trailing zeros aside (`6` is `6.0`)."""
    pad = max(len(a), len(b))
    return a + (0,) * (pad - len(a)) <= b + (0,) * (pad - len(b))


def holds_below(spec: str, limit: Version) -> bool:
    """Whether a requirement's specifier admits only versions older than `limit` (any of its clauses, or
    every alternative of Poetry's `||`, does)."""
    spec = spec.split(";", 1)[0]  # environment markers say where, not which version
    alternatives = [a for a in spec.split("||") if a.strip()]
    return bool(alternatives) and all(any(_below(c, limit) for c in a.split(",") if c.strip())
                                      for a in alternatives)


def _requirements(root: Path) -> Iterator[tuple[str, str, str]]:
    """(name, specifier, where) for every requirement the repository root states."""
    data = read_toml(root, "pyproject.toml")
    deps = lookup(data, "project", "dependencies")
    for item in deps if isinstance(deps, list) else []:
        m = _REQUIREMENT.match(item) if isinstance(item, str) else None
        if m:
            yield m.group(1), m.group(2), "pyproject.toml [project] dependencies"
    poetry = lookup(data, "tool", "poetry", "dependencies")
    for name, value in poetry.items() if isinstance(poetry, dict) else []:
        spec = value.get("version") if isinstance(value, dict) else value
        if isinstance(spec, str):
            yield name, spec, "pyproject.toml [tool.poetry.dependencies]"
    cfg = ini(read_config(root, "setup.cfg") or "")
    if cfg is not None:
        for line in cfg.get("options", "install_requires", fallback="").splitlines():
            m = _REQUIREMENT.match(line)
            if m and line.strip():
                yield m.group(1), m.group(2), "setup.cfg [options] install_requires"
    for m in _SETUP_STRING.finditer(read_config(root, "setup.py") or ""):
        req = _REQUIREMENT.match(m.group(2))
        if req:
            yield req.group(1), req.group(2), "setup.py"
    for name in REQUIREMENT_FILES:
        for line in (read_config(root, name) or "").splitlines():
            line = line.split("#", 1)[0].strip()
            m = _REQUIREMENT.match(line) if line and not line.startswith("-") else None
            if m:
                yield m.group(1), m.group(2), name


def pinned_below(root: Path, package: str, limit: Version) -> Optional[Pin]:
    """The first requirement of the repository at `root` that holds `package` below `limit`, if any."""
    want = canonical(package)
    for name, spec, where in _requirements(root):
        if canonical(name) == want and holds_below(spec, limit):
            return Pin(spec.strip(), where)
    return None
