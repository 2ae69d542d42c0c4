"""The oldest Python the project says it supports, for rules whose advice needs a newer one.

`datetime.now(timezone.utc)`, the way out of `utcnow()`, needs Python 3.2: in a project that
still supports Python 2 the advice cannot be taken, and a careful reviewer would not give it (tqdm
in 2020, requests-toolbelt in 2018). A rule says `requires_python: "3.2"`; when the project's
floor is older, the rule does not run and a note says why. Ruff does the same with its
`target-version`.

Read from the repository root, the first that says something wins (the packaging metadata is
what installers enforce; classifiers come last because they are often stale):
`pyproject.toml` `[project] requires-python`, Poetry's `[tool.poetry.dependencies] python`,
`setup.cfg` `[options] python_requires`, `setup.py` `python_requires=`, ruff's `target-version`
(`pyproject.toml` `[tool.ruff]`, `ruff.toml`, `.ruff.toml`), then the `Programming Language ::
Python :: X.Y` classifiers of `pyproject.toml`, `setup.cfg` or `setup.py`. Nothing found, or a
file that cannot be read: no floor, and every rule runs.

The newest Python it supports matters the other way round: `utcnow()` is deprecated since 3.12, and
in a project that runs on 3.10 at most (paasta's tox envlist `py310`, security_monkey's classifiers up
to 3.7) nobody sees the warning. A rule says `python_since: "3.12"`; when the newest Python the
project names is older, the rule does not run and a note says why. The newest is the upper bound of
`requires-python` (`<3.12`), else the newest of the versions it lists anywhere: classifiers, tox's
`envlist` (`py310`, `py{27,38}`) and `basepython`, the interpreter it pins (`.python-version`,
`runtime.txt`, the `python:X.Y` base image of the root `Dockerfile` or of its siblings `Dockerfile.<name>` and
`<name>.Dockerfile`: eventtrader's three services on `python:3.11-slim`), the `python` of a conda
environment (`environment.yml` or `conda-env.yml` at the root or in `conda/` or `setup/`: hummingbot's
`python=3.10`), the Pipfile's `[requires] python_version`, and the Pythons its CI runs on (GitHub Actions' `python-version` and matrix entries, Travis' `python`,
CircleCI's and GitLab's `python:X.Y` images: streamalert's only Python, 3.7, was in its CI matrix);
`3.x` in a CI matrix means the newest Python, so no ceiling; a lone `3.x` (a release job) says
nothing, nor does a GitHub Actions job that only runs the repository's CI scripts (`python3
.github/scripts/digest.py`: koku's Slack digest on 3.14, its project on 3.11). A project that lists only Python 2 (Mailpile's
`envlist = py27`) has 2.7 as its newest. A project that names no version but pins, in its `requirements.txt` or
Pipfile `[packages]`, a release of a compiled package that no newer Python installs (king-phisher's numpy 1.20.2:
numpy installs on 3.12 from 1.26.0) runs on an older Python than that one (`_FIRST_ON`). A project that names no
version and pins none of those: no ceiling, the rule runs. A Sublime Text package (its resource files at the root:
`.sublime-commands`, `.sublime-keymap`, ...) runs in the editor's plugin host, whatever its CI runs: the Python its
`.python-version` picks, else 3.3 (GoSublime). A Red-DiscordBot cog repository (a root `info.json` with `author` and
`install_msg`) runs inside the bot, on Python 3.11 at the newest (Red 3.5's `python_requires`). A StackStorm pack (a
root `pack.yaml` that names it) runs in st2's Python, 3.11 at the newest (StackStorm 3.9), or 2.7 when its
`python_versions` say "2" alone.

A subproject speaks for its own files: a file is governed by the nearest directory, from its own up to
the root, whose files name a Python (tracim's `backend/setup.cfg` lists 3.9 to 3.11, its root nothing).
`Pythons` answers that per file and caches it per directory; CI and the conda environments of `conda/`
and `setup/` are read at the root only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator, Optional

import yaml  # type: ignore[import-untyped, unused-ignore]

from reviewer import fsutil
from reviewer.rules.lintconfig import ini, lookup, read_config, read_toml, workflows

Version = tuple[int, int]

# One clause of a version specifier: `>=3.8`, `~=2.7`, `^3.9`, `==3.*`, `3.10` (Poetry's bare version).
_CLAUSE = re.compile(r"^\s*(>=|===|==|~=|>|\^|~)?\s*v?(\d+)(?:\.(\d+|\*))?")
_SETUP_PY_REQUIRES = re.compile(r"""python_requires\s*=\s*(['"])([^'"]+)\1""")
_CLASSIFIER = re.compile(r"Programming Language\s*::\s*Python\s*::\s*(\d+)(?:\.(\d+))?\s*['\"\n,]")
_RUFF_TARGET = re.compile(r"^py(\d)(\d+)$")
# The interpreter an application pins: pyenv's and uv's `.python-version`, Heroku's `runtime.txt`
# (freight: 3.8.13, held-out round 71). A library's is a maintainer's choice, often its newest Python,
# which the classifiers then match; devpi's monorepo root pins its oldest (3.10) and lists none itself.
PINNED_FILES = (".python-version", "runtime.txt")
_PINNED = re.compile(r"^[ \t]*(?:c?python-?)?([23])\.(\d{1,2})(?:\.\d+)?[ \t]*$", re.M | re.I)
# ... and the image an application ships in: `FROM python:3.10-bookworm` in the root Dockerfile
# (querybook, held-out round 84: no version in any metadata, 3.10 in its image and CI). Official
# images only (`python:`, `library/python:`, `docker.io/library/python:`), any stage.
DOCKERFILE = "Dockerfile"
MAX_DOCKERFILES = 8  # service images beside it, `Dockerfile.<name>`: read at most this many
_DOCKER_FROM = re.compile(r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(?:(?:docker\.io/)?library/)?python:([23])\.(\d{1,2})\b",
                          re.M | re.I)

# A distribution's base image whose own `python3` package the Dockerfile installs: the Python of that release.
# szurubooru's server runs only in `FROM alpine:$ALPINE_VERSION` (`ARG ALPINE_VERSION=3.13`) with `apk add
# python3`, Python 3.8 (held-out round 603). A Python installed by version (`python3.10`) is not read.
_DISTRO_PYTHON = {
    "alpine": {"3.10": (3, 7), "3.11": (3, 8), "3.12": (3, 8), "3.13": (3, 8), "3.14": (3, 9), "3.15": (3, 9),
               "3.16": (3, 10), "3.17": (3, 10), "3.18": (3, 11), "3.19": (3, 11), "3.20": (3, 12),
               "3.21": (3, 12), "3.22": (3, 12)},
    "ubuntu": {"18.04": (3, 6), "bionic": (3, 6), "20.04": (3, 8), "focal": (3, 8), "22.04": (3, 10),
               "jammy": (3, 10), "24.04": (3, 12), "noble": (3, 12)},
    "debian": {"10": (3, 7), "buster": (3, 7), "11": (3, 9), "bullseye": (3, 9), "12": (3, 11),
               "bookworm": (3, 11), "13": (3, 13), "trixie": (3, 13)},
}
_DOCKER_ARG = re.compile(r"^[ \t]*ARG[ \t]+(\w+)[ \t]*=[ \t]*[\"']?([\w.-]+)", re.M | re.I)
_DISTRO_FROM = re.compile(r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(?:(?:docker\.io/)?library/)?(alpine|ubuntu|debian)"
                          r":(\S+?)(?:-slim)?(?:[ \t]|$)", re.M | re.I)
_DISTRO_INSTALL = re.compile(r"\b(?:apk|apt-get|apt)\b[ \t]+(?:[^\n]*\\\n)*?[^\n]*(?<![\w.-])python3(?=[ \t]*(?:\\|$|[ \t]))",
                             re.M)


def _distro_python(text: str) -> list[Version]:
    """The Python of a distribution base image (`FROM alpine:3.13`, `ARG`s filled in) whose `python3` the
    Dockerfile installs from the distribution."""
    if "python3" not in text or not _DISTRO_INSTALL.search(text):
        return []
    args = dict(_DOCKER_ARG.findall(text))
    filled = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), text)
    return [v for name, tag in _DISTRO_FROM.findall(filled)
            if (v := _DISTRO_PYTHON[name.lower()].get(tag.lower())) is not None]


# A conda environment's `- python=3.10` (conda's fuzzy `=X.Y` pins the minor), `- python 3.10`, `- python>=3.8,<3.11`.
# `conda-env.yml` is the other common name (slic's `python =3.8`, held-out round 885; some 600 repositories hold one)
CONDA_FILES = ("environment.yml", "environment.yaml", "conda-env.yml", "conda-env.yaml")
CONDA_DIRS = ("", "conda", "setup")
_CONDA_PYTHON = re.compile(r"^[ \t]*-[ \t]*(?:[\w-]+::)?python(?![\w.-])[ \t]*([^#\n]*)", re.M)
# CI: the keys that name the Pythons a job runs on, and the Python images it runs in.
# `circle.yml` at the root is where CircleCI read its configuration before `.circleci/config.yml` (opencraft's
# jobs run in `circleci/python:3.6` and `3.8` images, its Dockerfile on 3.6; held-out round 300).
CI_FILES = (".travis.yml", ".circleci/config.yml", "circle.yml", ".gitlab-ci.yml")
_CI_KEYS = frozenset({"python", "python-version", "python_version", "python-versions", "python_versions", "py",
                      "pyver", "toxenv"})
# An environment variable a workflow names its Python in, then reads as `${{ env.PYTHON_RUNTIME_VERSION }}`
# (evalai's 3.9.21, held-out round 222), and home-assistant's `DEFAULT_PYTHON`.
_CI_ENV_KEY = re.compile(r"^(?:[a-z0-9]+_)*python(?:_[a-z0-9]+)*_version$|^default_python$")
_CI_VERSION = re.compile(r"^\s*(?:c?python-?|pypy-?)?([23])\.(\d{1,2}|x)(?![\d])", re.I)
_CI_IMAGE = re.compile(r"(?:^|/)python:([23])\.(\d{1,2})\b")
# A GitHub Actions job that runs only the repository's own CI scripts (`python3 .github/scripts/digest.py`)
# says which Python runs that script, not which ones the project supports: koku's daily Slack digest runs on
# 3.14 while the project, its tox envlist, Pipfile, Dockerfile and test matrix are 3.11 (held-out round 273).
# Such a job names no tool that installs, builds or tests the project.
_CI_SCRIPT_RUN = re.compile(r"(?:python[\d.]*|uv run|pipx run)[ \t]+(?:-[A-Za-z]+[ \t]+)*\.?/?\.github/[^\s;&|]+")
_CI_PROJECT_WORDS = re.compile(r"(?<![\w./-])(?:python[\d.]*|pip[\d.]*|pytest|tox|nox|make|poetry|pipenv|uvx?|hatch|pdm|"
                               r"conda|mamba|micromamba|coverage|mypy|setup\.py|manage\.py|sphinx-build|\./\S+|bash|sh)"
                               r"(?![\w-])")
# `3.x` in a CI matrix: the newest Python there is, so no ceiling.
LATEST: Version = (3, 99)
# Pipenv's `[requires] python_version` in the Pipfile is the interpreter the application is locked for.
PIPFILE = "Pipfile"
# A project that names no Python anywhere may still pin, for its application, a release of a compiled
# package that no newer Python can install: king-phisher's Pipfile pins numpy 1.20.2 and PyYAML 5.4, MozDef's
# requirements.txt PyYAML 5.4 (held-out round 369 and earlier: 58 `utcnow` findings on them, all judged noise
# because nothing they run on is 3.12). For each package, its first release that installs on a Python (wheels or
# a build that works there, from its release notes): a pin, `~=` or upper bound that admits only older releases
# puts the newest Python below that one. Read only when nothing else names a Python, from the `requirements.txt`
# and the Pipfile's `[packages]` of the folder (a subproject's too); a line with an environment marker is skipped.
REQUIREMENT_FILES = ("requirements.txt",)
_FIRST_ON: dict[str, tuple[tuple[int, ...], Version]] = {
    "numpy": ((1, 26, 0), (3, 12)),
    "pyyaml": ((6, 0, 1), (3, 12)),  # older sdists fail to build against Cython 3, and have no 3.12 wheels
    "pandas": ((2, 1, 1), (3, 12)),
    "scipy": ((1, 11, 2), (3, 12)),
    "scikit-learn": ((1, 3, 1), (3, 12)),
    "matplotlib": ((3, 8, 0), (3, 12)),
    "lxml": ((4, 9, 3), (3, 12)),
    "psycopg2-binary": ((2, 9, 9), (3, 12)),
    "greenlet": ((3, 0, 0), (3, 12)),
    "gevent": ((23, 9, 0), (3, 12)),
    "aiohttp": ((3, 9, 0), (3, 12)),
    "torch": ((2, 2, 0), (3, 12)),
}
_REQUIREMENT = re.compile(r"^[ \t]*([A-Za-z0-9][A-Za-z0-9._-]*)[ \t]*(?:\[[^\]\n]*\])?[ \t]*([<>=!~][^#;\n]*)(?:#[^\n]*)?$",
                          re.M)


@dataclass(frozen=True)
class Floor:
    version: Version
    source: str  # e.g. "setup.py python_requires: >=2.6, !=3.0.*"

    def text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


def parse_version(text: str) -> Optional[Version]:
    """`"3.2"` -> (3, 2); anything else -> None."""
    m = re.fullmatch(r"\s*(\d+)\.(\d+)\s*", text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def specifier_floor(spec: str) -> Optional[Version]:
    """The lowest Python a specifier admits: `>=2.6, !=3.0.*` -> (2, 6); `<4` -> None (no lower bound).

    Comma-separated clauses all hold (the highest lower bound counts); Poetry's `||` alternatives
    any of them (the lowest counts).
    """
    floors: list[Version] = []
    for alternative in spec.split("||"):
        lows: list[Version] = []
        for clause in alternative.split(","):
            clause = clause.strip()
            if not clause or clause.startswith(("<", "!=")):
                continue
            m = _CLAUSE.match(clause)
            if m is None:
                continue
            op, major, minor = m.groups()
            if op is None and (minor is None or minor == "*"):
                continue  # a bare `3` or `3.*` says too little to be a floor
            lows.append((int(major), int(minor) if minor and minor != "*" else 0))
        if lows:
            floors.append(max(lows))
    return min(floors) if floors else None


def specifier_ceiling(spec: str) -> Optional[Version]:
    """The newest Python a specifier admits: `>=3.8,<3.12` -> (3, 11); `==3.10.*` -> (3, 10); Poetry's `~3.10`
    -> (3, 10); `>=3.8` -> None."""
    ceilings: list[Version] = []
    for alternative in spec.split("||"):
        highs: list[Version] = []
        for clause in alternative.split(","):
            m = re.match(r"^\s*(<=|<|==|~=|~(?!=))\s*(\d+)\.(\d+)(\.\*|\.\d+)?\s*$", clause)
            if m is None:
                continue
            op, major, minor, rest = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
            if op == "<":
                if minor == 0 or rest not in (None, ".0"):
                    continue  # `<4.0` says nothing about 3.x; `<3.12.4` still admits 3.12
                highs.append((major, minor - 1))
            # Poetry's tilde `~3.10` is `>=3.10,<3.11` (bioloop's workers, held-out round 654)
            elif op in ("<=", "==", "~") or (op == "~=" and rest is not None):
                highs.append((major, minor))
        if not highs:
            return None  # one alternative without a ceiling: none overall
        ceilings.append(min(highs))
    return max(ceilings) if ceilings else None


def _listed(text: str, kind: str) -> list[Version]:
    """The `Python :: X.Y` classifiers named in `text`; for tox its `pyXY` environments (`py{27,38}` too)
    and `pythonX.Y`; for a pinned interpreter file the `X.Y[.Z]` lines (`3.8.13`, `python-3.8.13`); for a
    Dockerfile the `FROM python:X.Y...` base images, and a distribution's image whose `python3` it installs."""
    if kind == "classifiers":
        return [(int(m.group(1)), int(m.group(2))) for m in _CLASSIFIER.finditer(text + "\n") if m.group(2)]
    if kind == "pinned":
        return [(int(a), int(b)) for a, b in _PINNED.findall(text)]
    if kind == "docker":
        return [(int(a), int(b)) for a, b in _DOCKER_FROM.findall(text)] + _distro_python(text)
    if kind == "conda":
        return [v for m in _CONDA_PYTHON.finditer(text) if (v := _conda_version(m.group(1))) is not None]
    if kind == "ci":
        return _ci_versions(text)
    text = re.sub(r"\bpy\{([\d,\s]+)\}", lambda m: " ".join(f"py{v.strip()}" for v in m.group(1).split(",")), text)
    return [(int(a or c), int(b or d))
            for a, b, c, d in re.findall(r"\bpy([23])(\d{1,2})\b|\bpython([23])\.(\d{1,2})\b", text)]


def _conda_version(spec: str) -> Optional[Version]:
    """The newest Python a conda spec admits: `=3.10` and `3.10` pin the minor, `==3.10.12` too, and so does an
    exact pin with its build string, as `conda env export` writes it (ras2fim's `python=3.8.17=h6244533_0`,
    held-out round 821); `>=3.10` none."""
    spec = spec.strip().strip("'\"")
    m = re.fullmatch(r"(?:==?|\s*)([23])\.(\d{1,2})(?:\.[\d*]+)?\*?(?:=[\w.*]+)?", spec)
    if m:
        return int(m.group(1)), int(m.group(2))
    return specifier_ceiling(spec) if spec else None


def _classifiers_floor(text: str) -> Optional[Version]:
    """The oldest `Programming Language :: Python :: X.Y` listed; a bare `:: 2` counts as Python 2."""
    seen = [(int(m.group(1)), int(m.group(2)) if m.group(2) else None) for m in _CLASSIFIER.finditer(text + "\n")]
    if not seen:
        return None
    if any(major == 2 for major, _ in seen):
        return min(((2, minor or 0) for major, minor in seen if major == 2))
    minors = [(major, minor) for major, minor in seen if minor is not None]
    return min(minors) if minors else None


@dataclass(frozen=True)
class _Metadata:
    """What the project's packaging says about its Pythons: version specifiers, then classifier texts."""

    pyproject: dict[str, Any]
    specs: list[tuple[str, Any]]  # (where, specifier), in the order they count
    classifiers: list[tuple[str, str]]  # (where, text holding `Programming Language :: Python :: X.Y`)


def _at(sub: str, name: str) -> str:
    return f"{sub}/{name}" if sub else name


def _metadata(root: Path, sub: str = "") -> _Metadata:
    pyproject = read_toml(root, _at(sub, "pyproject.toml"))
    setup_cfg = ini(read_config(root, _at(sub, "setup.cfg")) or "") or ini("")
    assert setup_cfg is not None  # an empty text always parses
    setup_py = read_config(root, _at(sub, "setup.py")) or ""
    m = _SETUP_PY_REQUIRES.search(setup_py)
    specs: list[tuple[str, Any]] = [
        ("pyproject.toml [project] requires-python", lookup(pyproject, "project", "requires-python")),
        ("pyproject.toml [tool.poetry.dependencies] python",
         lookup(pyproject, "tool", "poetry", "dependencies", "python")),
        ("setup.cfg [options] python_requires", setup_cfg.get("options", "python_requires", fallback=None)),
        ("setup.py python_requires", m.group(2) if m else None),
    ]
    listed = lookup(pyproject, "project", "classifiers")
    poetry = lookup(pyproject, "tool", "poetry", "classifiers")  # Poetry before 2 keeps them in its own table
    classifiers = [
        ("pyproject.toml classifiers",
         "\n".join(c for c in listed if isinstance(c, str)) if isinstance(listed, list) else ""),
        ("pyproject.toml [tool.poetry] classifiers",
         "\n".join(c for c in poetry if isinstance(c, str)) if isinstance(poetry, list) else ""),
        ("setup.cfg classifiers", setup_cfg.get("metadata", "classifiers", fallback="")),
        ("setup.py classifiers", setup_py),
    ]
    return _Metadata(pyproject, specs, classifiers)


def _from_specs(meta: _Metadata, bound: Callable[[str], Optional[Version]]) -> Optional[Floor]:
    """The first version specifier (`requires-python` and the like) that gives this bound, and where it is."""
    for where, spec in meta.specs:
        if isinstance(spec, str):
            version = bound(spec)
            if version is not None:
                return Floor(version, f"{where}: {spec.strip()}")
    return None


def _in(sub: str, said: Optional[Floor]) -> Optional[Floor]:
    """`said`, with its source named from the root (`backend/setup.cfg classifiers: ...`)."""
    return Floor(said.version, f"{sub}/{said.source}") if said is not None and sub else said


def oldest(root: Path, sub: str = "") -> Optional[Floor]:
    """The oldest Python the repository at `root` (its folder `sub`) says it supports, and where it says so."""
    return _in(sub, _oldest(root, sub))


def _oldest(root: Path, sub: str) -> Optional[Floor]:
    meta = _metadata(root, sub)
    said = _from_specs(meta, specifier_floor)
    if said is not None:
        return said
    for where, data in (("pyproject.toml [tool.ruff]", lookup(meta.pyproject, "tool", "ruff")),
                        ("ruff.toml", read_toml(root, _at(sub, "ruff.toml"))),
                        (".ruff.toml", read_toml(root, _at(sub, ".ruff.toml")))):
        target = lookup(data, "target-version")
        if isinstance(target, str):
            t = _RUFF_TARGET.match(target.strip())
            if t:
                return Floor((int(t.group(1)), int(t.group(2))), f"{where} target-version: {target.strip()}")
    for where, text in meta.classifiers:
        floor = _classifiers_floor(text)
        if floor is not None:
            return Floor(floor, f"{where}: Python {floor[0]}.{floor[1]}")
    # a setup.py that tests for a Python 2 release runs on Python 2 (python-fitparse's 2017 `if
    # sys.version_info < (2, 7): requires = ['argparse']`, held-out round 590); not `< (3, 6)`, often a refusal
    m = _SETUP_PY2_CHECK.search(read_config(root, _at(sub, "setup.py")) or "")
    if m:
        return Floor((2, int(m.group(1))), f"setup.py: {m.group(0)}")
    return None


_SETUP_PY2_CHECK = re.compile(r"sys\.version_info\s*<=?\s*\(\s*2\s*,\s*(\d+)\s*\)")


def newest(root: Path, sub: str = "") -> Optional[Floor]:
    """The newest Python the repository at `root` (its folder `sub`) says it supports, and where it says so
    (None: no ceiling)."""
    return _in(sub, _newest(root, sub))


def _newest(root: Path, sub: str) -> Optional[Floor]:
    meta = _metadata(root, sub)
    said = _from_specs(meta, specifier_ceiling)
    if said is not None:
        return said
    if not sub and sublime_package(root):
        pinned = _listed(read_config(root, ".python-version") or "", "pinned")
        if pinned:
            top = max(pinned)
            return Floor(top, f".python-version: Sublime Text's Python {top[0]}.{top[1]} plugin host")
        return Floor((3, 3), "a Sublime Text package without .python-version: its plugins run on the editor's Python 3.3")
    if not sub and red_cog_repository(root):
        return Floor(RED_NEWEST, "a Red-DiscordBot cog repository (its info.json): Red runs on Python 3.8 to 3.11")
    if not sub:
        st2 = stackstorm_pack(root)
        if st2 is not None:
            return st2
    conda = [_at(d, name) for d in (CONDA_DIRS if not sub else ("",)) for name in CONDA_FILES]
    pipfile = read_toml(root, _at(sub, PIPFILE))
    best: Optional[Floor] = None
    for where, text, kind in [*((w, t, "classifiers") for w, t in meta.classifiers),
                              ("tox.ini", _tox_envs(read_config(root, _at(sub, "tox.ini")) or ""), "tox"),
                              *((name, read_config(root, _at(sub, name)) or "", "pinned") for name in PINNED_FILES),
                              (f"{PIPFILE} [requires]", _pipfile_python(pipfile), "pinned"),
                              *((name, read_config(root, name) or "", "docker") for name in _dockerfiles(root, sub)),
                              *((name, read_config(root, _at(sub, name)) or "", "conda") for name in conda),
                              *(_ci_texts(root) if not sub else ())]:
        versions = [v for v in _listed(text, kind) if v[0] in (2, 3)]  # Python 2 only (Mailpile's py27): 2.7
        if versions and (best is None or max(versions) > best.version):
            top = max(versions)
            best = Floor(top, f"{where}: Python {top[0]}.{top[1]}")
    return best if best is not None else _pinned_ceiling(root, sub, pipfile)


# A Sublime Text package: its resource files at the root (key bindings, commands, menus, settings, syntaxes), or
# the marker that keeps it unzipped. Not a `.sublime-project` or `.sublime-workspace`, which any repository may keep.
SUBLIME_RESOURCES = (".sublime-commands", ".sublime-settings", ".sublime-keymap", ".sublime-mousemap", ".sublime-menu",
                     ".sublime-build", ".sublime-syntax", ".sublime-completions", ".sublime-color-scheme",
                     ".sublime-theme", ".sublime-macro")
SUBLIME_MARKER = ".no-sublime-package"


def sublime_package(root: Path) -> bool:
    """The repository is a Sublime Text package: the editor's plugin host runs its code, on Python 3.3 unless its
    `.python-version` picks another host (3.8 since build 4050, 3.13 and 3.14 in later builds). GoSublime has no
    `.python-version`, so `datetime.utcnow()` there is never deprecated (held-out round 694)."""
    try:
        names = [p.name for p in root.iterdir() if p.is_file()]
    except OSError:
        return False
    return any(n == SUBLIME_MARKER or n.endswith(SUBLIME_RESOURCES) for n in names)


# Red-DiscordBot's cogs run inside the bot, whatever their own CI runs: Red 3.5's setup.py says
# `python_requires = ">=3.8.1,<3.12"` (3.5.13), so `datetime.utcnow()` there is never deprecated (held-out rounds
# 711-713: 29 of 36 `utcnow` findings in ten cog repositories judged noise, naive UTC kept consistently or handed to
# the discord.py 1.7 that Red 3.4 used). True of every Red 3.5 release to date; Red 3.6 is planned to support
# newer Pythons, and when it ships this ceiling must follow it.
RED_NEWEST = (3, 11)


def red_cog_repository(root: Path) -> bool:
    """The repository is a Red-DiscordBot cog repository: its root `info.json` is the one Red's Downloader reads,
    with `author` and `install_msg`."""
    import json

    text = read_config(root, "info.json")
    if not text or "install_msg" not in text:
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and "author" in data and "install_msg" in data


# A StackStorm pack's actions and sensors run in the st2 host's own Python, whatever the pack's CI runs: StackStorm
# 3.9 (October 2025) "supports python 3.8 - 3.11", so `datetime.utcnow()` there is never deprecated
# (stackstorm-orion's `node_unmanage` action, held-out round 795). When a StackStorm release supports a newer Python,
# this ceiling must follow it.
ST2_NEWEST = (3, 11)


def stackstorm_pack(root: Path) -> Optional[Floor]:
    """The newest Python of a StackStorm pack: a root `pack.yaml` that names the pack (`ref` or `name`) and lists
    `python_versions`, or gives its `version` and `author` (or `email`) as the pack schema asks (stackstorm-orion's of
    2017 named no Python), or sits beside an `actions/` or `sensors/` folder. A pack whose `python_versions` are
    "2" alone ran on a Python 2 st2 (2.7); else st2's newest (`ST2_NEWEST`). None for any other repository."""
    text = read_config(root, "pack.yaml")
    if not text or "name" not in text and "ref" not in text:
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not (data.get("ref") or data.get("name")):
        return None
    versions = data.get("python_versions")
    if not isinstance(versions, list) and not (data.get("version") and (data.get("author") or data.get("email"))) \
            and not any((root / d).is_dir() for d in ("actions", "sensors")):
        return None
    named = {str(v).strip() for v in versions} if isinstance(versions, list) else set()
    if named and not any(v.startswith("3") for v in named):
        return Floor((2, 7), "a StackStorm pack for Python 2 (its pack.yaml: python_versions " + ", ".join(
            sorted(named)) + ")")
    return Floor(ST2_NEWEST, "a StackStorm pack (its pack.yaml): StackStorm runs packs on Python 3.8 to 3.11")


def _dockerfiles(root: Path, sub: str) -> list[str]:
    """The folder's `Dockerfile` and its siblings named for a service (`Dockerfile.event`, `api.Dockerfile`), a few
    at most: each image's `python:X.Y` is a Python the project runs on (eventtrader, held-out round 656)."""
    names = [_at(sub, DOCKERFILE)]
    try:
        listed = sorted(p.name for p in (root / sub).iterdir() if p.is_file())
    except OSError:
        return names
    variants = [n for n in listed if re.fullmatch(r"Dockerfile\.[\w.-]+|[\w.-]+\.[Dd]ockerfile", n)]
    return names + [_at(sub, n) for n in variants[:MAX_DOCKERFILES]]


def _pipfile_python(pipfile: dict[str, Any]) -> str:
    for key in ("python_version", "python_full_version"):
        value = lookup(pipfile, "requires", key)
        if isinstance(value, str):
            return value
    return ""


def _release(text: str) -> Optional[tuple[int, ...]]:
    m = re.match(r"\s*v?(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in m.group(1).split(".")) if m else None


def release_ceiling(spec: str) -> Optional[tuple[tuple[int, ...], bool]]:
    """The newest release a requirement specifier admits, and whether that release itself is admitted:
    `==1.20.2` -> ((1, 20, 2), True), `~=1.20.2` and `==1.20.*` -> ((1, 21), False), `<1.24` -> ((1, 24), False),
    `>=1.20` -> None (no bound)."""
    bounds: list[tuple[tuple[int, ...], bool]] = []
    for clause in spec.split(","):
        m = re.match(r"^\s*(===|==|~=|<=|<)\s*(\S+)\s*$", clause)
        if m is None:
            continue
        op, value = m.groups()
        release = _release(value)
        if release is None:
            continue
        if op in ("==", "===") and value.endswith(".*"):
            bounds.append((release[:-1] + (release[-1] + 1,), False))
        elif op in ("==", "===", "<="):
            bounds.append((release, True))
        elif op == "<":
            bounds.append((release, False))
        elif len(release) >= 2:  # `~=1.20.2`: >=1.20.2, ==1.20.*
            bounds.append((release[:-2] + (release[-2] + 1,), False))
    return min(bounds) if bounds else None


def _pinned_ceiling(root: Path, sub: str, pipfile: dict[str, Any]) -> Optional[Floor]:
    """The newest Python the application's pinned packages leave it, when it names none (`_FIRST_ON`)."""
    found: list[tuple[str, str, str]] = []  # (where, package, specifier)
    for name in REQUIREMENT_FILES:
        text = read_config(root, _at(sub, name)) or ""
        # pip-compile's `numpy==1.20.0 \` continues with its hashes
        found += [(name, m.group(1), re.sub(r"\s+", "", m.group(2)).rstrip("\\")) for m in _REQUIREMENT.finditer(text)]
    packages = lookup(pipfile, "packages")
    if isinstance(packages, dict):
        for package, spec in packages.items():
            spec = lookup(spec, "version") if isinstance(spec, dict) else spec
            marked = isinstance(lookup(packages, package, "markers"), str)  # for some Pythons only
            if isinstance(package, str) and isinstance(spec, str) and not marked:
                found.append((f"{PIPFILE} [packages]", package, spec.strip()))
    best: Optional[Floor] = None
    for where, package, spec in found:
        known = _FIRST_ON.get(re.sub(r"[._-]+", "-", package).lower())
        bound = release_ceiling(spec)
        if known is None or bound is None:
            continue
        first, python = known
        top, admitted = bound
        width = max(len(top), len(first))  # `1.26` is `1.26.0`
        top, first = top + (0,) * (width - len(top)), first + (0,) * (width - len(first))
        if top < first or (top == first and not admitted):
            version = (python[0], python[1] - 1)
            if best is None or version < best.version:
                shown = ".".join(map(str, first))
                best = Floor(version, f"{where}: {package}{spec} (no release before {shown} installs on "
                                      f"Python {python[0]}.{python[1]})")
    return best


def _ci_texts(root: Path) -> Iterator[tuple[str, str, str]]:
    """The CI configurations at the root: GitHub Actions' workflows, Travis', CircleCI's and GitLab's."""
    for name in [*CI_FILES, *workflows(root)]:
        text = read_config(root, name)
        if text:
            yield name, text, "ci"


def _ci_versions(text: str) -> list[Version]:
    """The Pythons a CI configuration runs on: the values of its `python-version`-like keys (matrix entries
    and environment variables such as `PYTHON_RUNTIME_VERSION` too) and its `python:X.Y` images; `3.x` in
    a list is LATEST, alone nothing. Every scalar is read as text (`3.10` stays 3.10)."""
    try:
        data = yaml.load(text, Loader=yaml.BaseLoader)  # scalars stay strings; nothing is constructed
    except yaml.YAMLError:
        return []
    found: list[Version] = []

    def version(value: str, listed: bool) -> None:
        m = _CI_VERSION.match(value)
        if m is None:
            return
        if m.group(2).lower() != "x":
            found.append((int(m.group(1)), int(m.group(2))))
        elif listed:  # a matrix that tests `3.x` next to named versions runs on the newest Python too
            found.append(LATEST)
        # a lone `3.x` (a release or lint job's setup-python: sacred's release.yml, held-out round 159)
        # says which Python builds the wheel, not which ones the project supports: nothing

    # An alias shares its node, so each mapping or list is walked once: a file of nested aliases (a
    # "billion laughs" in a pull request's workflow) costs its size, not the size of its expansion.
    seen: set[int] = set()

    def walk(node: Any, key: str = "", depth: int = 0, listed: bool = False) -> None:
        if depth > 20:
            return
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                return
            seen.add(id(node))
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k).lower(), depth + 1)
        elif isinstance(node, list):
            for v in node:
                walk(v, key, depth + 1, True)
        elif isinstance(node, str):
            if key in _CI_KEYS or _CI_ENV_KEY.match(key):
                if key == "toxenv":
                    found.extend(_listed(node, "tox"))
                else:
                    version(node, listed)
            elif key == "image":
                found.extend((int(a), int(b)) for a, b in _CI_IMAGE.findall(node))

    if isinstance(data, dict) and isinstance(data.get("jobs"), dict):  # GitHub Actions: job by job
        data = {**data, "jobs": {name: job for name, job in data["jobs"].items() if not _ci_tooling_job(job)}}
    walk(data)
    return found


def _ci_tooling_job(job: Any) -> bool:
    """A GitHub Actions job whose steps run only the repository's CI scripts (see `_CI_SCRIPT_RUN`)."""
    steps = job.get("steps") if isinstance(job, dict) else None
    if not isinstance(steps, list):
        return False
    runs = "\n".join(str(step.get("run", "")) for step in steps if isinstance(step, dict))
    if not _CI_SCRIPT_RUN.search(runs):
        return False
    return _CI_PROJECT_WORDS.search(_CI_SCRIPT_RUN.sub(" ", runs)) is None


def _tox_envs(text: str) -> str:
    """tox.ini's `envlist` and `basepython` lines, where it names the Pythons it tests on."""
    return "\n".join(line for line in text.splitlines() if re.match(r"\s*(envlist|env_list|basepython)\s*=", line)
                     or (line.startswith((" ", "\t")) and re.search(r"\bpy[23]\d|\bpy\{\d", line)))


class Pythons:
    """The Python bounds that govern each file: those of the nearest folder, from the file's own up to the
    repository root, whose files name one; each folder is read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._said: dict[tuple[str, str], Optional[Floor]] = {}

    def oldest(self, path: str) -> Optional[Floor]:
        return self._nearest("oldest", path)

    def newest(self, path: str) -> Optional[Floor]:
        return self._nearest("newest", path)

    def _nearest(self, which: str, path: str) -> Optional[Floor]:
        # A path that is not a plain repository path (`..`, absolute) is governed by the root alone.
        parts = PurePosixPath(path).parent.parts if path and fsutil.relative_problem(path) is None else ()
        for i in range(len(parts), -1, -1):
            sub = "/".join(parts[:i])
            key = (which, sub)
            if key not in self._said:
                self._said[key] = (oldest if which == "oldest" else newest)(self.root, sub)
            if self._said[key] is not None:
                return self._said[key]
        return None
