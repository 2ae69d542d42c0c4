"""The project's own linter configuration: codes it ignores, project-wide or per file, and files it excludes.

A team that runs ruff, flake8 or bandit has decided some checks do not apply to
its code: `ignore = ["E722"]` in `[tool.ruff.lint]`, `per-file-ignores` for its
tests, `skips = ["B101"]` in `[tool.bandit]`. That is the same decision as a
`# noqa: E722` on every line, so the rules `reviewer.rules.codes` maps those codes
to are suppressed the same way (whole files, counted as suppressed, with a note
that names the file and key). Files the project excludes from linting altogether
(ruff's `exclude` / `extend-exclude`, flake8's `exclude` / `extend-exclude`, and
pre-commit's top-level `exclude` regex, which our own pre-commit hook obeys
anyway, and the `exclude` of a ruff or flake8 hook in it, or the `--exclude` of its `args`, and pylint's
`ignore` and `ignore-paths`)
are third-party copies, legacy examples or generated code by the
team's own account: rules skip them, each listed with the entry that excluded
it. `rules.project_ignores = false` turns all of this off.

A pre-commit `pygrep` hook whose `entry` matches what a rule asks the team to write (allura's hook fails on
`.now(`, so `datetime.now(timezone.utc)` is forbidden there) turns that rule off the same way: the project
chose the API the rule flags (`_RULE_FIXES`).

Read from the repository root: `pyproject.toml` (`[tool.ruff]`, `[tool.ruff.lint]`,
`[tool.flake8]`, `[tool.bandit]` `skips` and `exclude_dirs`), `ruff.toml` / `.ruff.toml`, the `[flake8]`
section of `.flake8`, `setup.cfg` and `tox.ini`, and bandit's `[bandit]` section (`skips`, `exclude`) of
`.bandit`, `tox.ini` or `setup.cfg`: a path bandit does not scan gets none of the rules its ids map to.
Below the root, the nearest subfolder's own ruff configuration adds its ignores and excludes for the
files under it (`_nested_ruff`), as ruff reads the nearest file.
A code commented out of ruff's `select` list (`# "DTZ",`) is declined the same way, unless an active entry
still selects it; so is a pycodestyle code (`E711`) left out of a flake8 or ruff `select` that names other
`E` codes (`select = F,E722`). ruff and flake8 codes are prefixes, as both tools read them (`E7` covers E711, E721 and E722). A file that cannot be read or parsed
is ignored: the project's linter would complain about it, not us.

pytest's configuration says one more thing a team decided: whether its test runs show warnings at all.
`-p no:warnings`, `--disable-warnings` or `-W ignore` in `addopts`, or a bare `ignore` in
`filterwarnings`, hides every warning, deprecations included, from the people who run the tests
(notifications-api's `addopts = -p no:warnings`, with 770 `utcnow()` calls kept on purpose after a
revert). `hidden_warnings` reads the file pytest itself would read (the first of `pytest.ini`,
`pyproject.toml` with `[tool.pytest.ini_options]` or `[tool.pytest]`, `tox.ini` with `[pytest]`,
`setup.cfg` with `[tool:pytest]`); a rule that says `unless_project: warnings-off` (a finding whose
only news, on the Pythons the project runs, is a deprecation warning) is not reported there. Ignoring
one category or one module's warnings (`ignore::DeprecationWarning:botocore`) is not hiding them all. Like the other
`unless_project` kinds, this is read whatever `rules.project_ignores` says.
"""

from __future__ import annotations

import configparser
import re
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Iterable, Optional

from reviewer import fsutil
from reviewer.rules import codes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_MAX_BYTES = 1 << 20  # a config file bigger than this is not a config file
_CODE = re.compile(r"[A-Za-z]+[0-9]*")


@dataclass(frozen=True)
class Ignore:
    """Our rule ids that one configuration entry turns off, for all files or those matching `glob`."""

    ids: tuple[str, ...]
    source: str  # e.g. "pyproject.toml [tool.ruff.lint] ignore: E722"
    glob: Optional[str] = None


@dataclass(frozen=True)
class Exclude:
    """Files the project's linters do not look at: a glob (ruff, flake8) or a regex (pre-commit)."""

    pattern: str
    source: str  # e.g. "pyproject.toml [tool.ruff] extend-exclude: mitmproxy/contrib/"
    regex: bool = False


@dataclass
class ProjectIgnores:
    entries: list[Ignore] = field(default_factory=list)
    excludes: list[Exclude] = field(default_factory=list)
    # The repository, when a subfolder's own ruff configuration may govern its files (`_nested_ruff`).
    root: Optional[Path] = None
    _nested: dict[str, Optional[tuple[list[Ignore], list[Exclude]]]] = field(default_factory=dict, repr=False)

    def for_path(self, path: str) -> list[Ignore]:
        """The entries that apply to repository path `path`."""
        entries = self.entries + self._subproject(path)[0]
        return [e for e in entries if e.glob is None or _path_hit(path, e.glob)]

    def _subproject(self, path: str) -> tuple[list[Ignore], list[Exclude]]:
        """The ignores and excludes of the ruff configuration nearest to `path` below the repository root, as
        ruff finds it: the closest folder, from the file's own upwards, with a `.ruff.toml`, a `ruff.toml` or a
        `pyproject.toml` that has a `[tool.ruff]` table. Each folder is read once."""
        if self.root is None or not path or fsutil.relative_problem(path) is not None:
            return [], []
        parts = path.split("/")[:-1]
        for i in range(len(parts), 0, -1):
            folder = "/".join(parts[:i])
            if folder not in self._nested:
                self._nested[folder] = _nested_ruff(self.root, folder)
            found = self._nested[folder]
            if found is not None:
                return found
        return [], []

    def excluded(self, path: str) -> Optional[str]:
        """The configuration entry that excludes `path` from linting, if any."""
        for e in self.excludes + self._subproject(path)[1]:
            if e.regex:
                try:
                    hit = re.search(e.pattern, path) is not None
                except re.error:
                    hit = False
            else:
                hit = _excluded_by_glob(path, e.pattern)
            if hit:
                return e.source
        return None


def _nested_ruff(root: Path, folder: str) -> Optional[tuple[list[Ignore], list[Exclude]]]:
    """The ruff settings of a subproject's own configuration file in `folder` (opentrons'
    `analyses-snapshot-testing/pyproject.toml` excludes its `files/` protocol fixtures; held-out round 680), with
    their globs made relative to the repository root as ruff resolves them relative to the file's folder: a
    folder-wide ignore covers `folder/**`, a bare name (`__init__.py`, `files`) matches at any depth below it.
    None when the folder has no ruff configuration. What the root's configuration ignores still counts below it
    (ruff would use the nearest file alone unless it `extend`s the root's): a superset, never a finding more."""
    for name in (".ruff.toml", "ruff.toml", "pyproject.toml"):  # ruff's order within one folder
        text = read_config(root, f"{folder}/{name}")
        if text is None:
            continue
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue
        prefix = "tool.ruff" if name == "pyproject.toml" else ""
        table = _table(data, "tool", "ruff") if prefix else data
        if prefix and not table:
            continue  # a pyproject.toml without ruff settings: ruff looks further up
        entries: list[Ignore] = []
        excludes: list[Exclude] = []
        _ruff(entries, f"{folder}/{name}", table, prefix, excludes)
        _ruff_declined(entries, f"{folder}/{name}", text, (prefix, f"{prefix}.lint") if prefix else ("", "lint"))
        return ([Ignore(e.ids, e.source, _below(folder, e.glob or "**", e.glob is not None)) for e in entries],
                [Exclude(_below(folder, e.pattern, True), e.source) for e in excludes])
    return None


def _below(folder: str, glob: str, any_depth: bool) -> str:
    """A ruff glob written in `folder`'s configuration, as a repository path glob."""
    g = glob.strip()
    g = g[2:] if g.startswith("./") else g
    return f"{folder}/**/{g}" if any_depth and "/" not in g else f"{folder}/{g}"


def _excluded_by_glob(path: str, glob: str) -> bool:
    """ruff/flake8 exclude semantics: a name without `/` matches any path component; else a path glob or folder."""
    g = glob.strip()
    if g.startswith("./"):
        g = g[2:]
    g = g.rstrip("/")
    if not g or g in (".", "*"):
        return False
    if "/" not in g:
        return any(fnmatch(part, g) for part in path.split("/"))
    if "/**/" in g and _excluded_by_glob(path, g.replace("/**/", "/", 1)):  # `**` also matches no folder
        return True
    return fnmatch(path, g) or path.startswith(g + "/") or fnmatch(path, g + "/*")


def _path_hit(path: str, glob: str) -> bool:
    """ruff/flake8 file patterns: a glob on the path, a bare name on the file name, a folder on what is under it."""
    g = glob.strip()
    if g.startswith("./"):
        g = g[2:]
    if not g:
        return False
    if "/**/" in g and _path_hit(path, g.replace("/**/", "/", 1)):  # `**` also matches no folder
        return True
    if fnmatch(path, g) or ("/" not in g and fnmatch(path.rsplit("/", 1)[-1], g)):
        return True
    folder = g.rstrip("/")
    if folder.endswith("/**"):
        folder = folder[:-3]
    return not any(c in folder for c in "*?[") and (path.startswith(folder + "/"))


def ids_for(code: str, tool: str) -> tuple[str, ...]:
    """Our rule ids an ignored code (a prefix for ruff/flake8, an id or test name for bandit) turns off."""
    code = code.strip()
    if tool == "bandit":
        return codes.rules_for("nosec", code)
    if tool == "pylint":
        return codes.rules_for("pylint", code)
    if not _CODE.fullmatch(code):
        return ()
    up = code.upper()
    return tuple(dict.fromkeys(r for c, rs in codes.NOQA.items() if c.startswith(up) for r in rs))


def read_config(root: Path, rel: str) -> Optional[str]:
    """A configuration file's text, read inside the repository; None if absent, unreadable or too big."""
    try:
        data = fsutil.read_inside(root, rel)
    except (fsutil.UnsafePath, OSError):
        return None
    if data is None or len(data) > _MAX_BYTES:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def read_toml(root: Path, rel: str) -> dict[str, Any]:
    """A TOML configuration file, parsed; {} if absent, unreadable or not TOML."""
    text = read_config(root, rel)
    if text is None:
        return {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}
    return data


def _codes(value: Any) -> list[str]:
    """A list of codes, or flake8's comma/space separated string."""
    if isinstance(value, str):
        return [c for c in re.split(r"[\s,]+", value) if c]
    if isinstance(value, list):
        return [c for c in value if isinstance(c, str)]
    return []


def ini(text: str) -> Optional[configparser.ConfigParser]:
    """An INI file parsed as flake8 and pylint read theirs (no interpolation), or None if it is not INI."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    return parser


def lookup(data: Any, *keys: str) -> Any:
    """`data[k1][k2]...` of parsed configuration, or None where a level is missing or not a table."""
    for k in keys:
        data = data.get(k) if isinstance(data, dict) else None
    return data


def _table(data: Any, *keys: str) -> dict[str, Any]:
    found = lookup(data, *keys)
    return found if isinstance(found, dict) else {}


def _global(out: list[Ignore], where: str, values: Iterable[str], tool: str) -> None:
    for code in values:
        ids = ids_for(code, tool)
        entry = Ignore(ids, f"{where}: {code}")
        if ids and entry not in out:  # a Makefile may run pylint once per folder with the same list
            out.append(entry)


def _per_file(out: list[Ignore], where: str, mapping: dict[str, Any]) -> None:
    for glob, value in mapping.items():
        for code in _codes(value):
            ids = ids_for(code, "ruff")
            if ids:
                out.append(Ignore(ids, f"{where} {glob!r}: {code}", glob))


def _ruff(out: list[Ignore], name: str, table: dict[str, Any], prefix: str,
          excludes: Optional[list[Exclude]] = None) -> None:
    if excludes is not None:
        for section, where in ((table, prefix), (_table(table, "lint"), f"{prefix}.lint" if prefix else "lint")):
            label = f"{name} [{where}]" if where else name
            for key in ("exclude", "extend-exclude"):
                for g in _codes(section.get(key)) if isinstance(section.get(key), list) else []:
                    excludes.append(Exclude(g, f"{label} {key}: {g}"))
    for section, where in ((table, prefix), (_table(table, "lint"), f"{prefix}.lint" if prefix else "lint")):
        label = f"{name} [{where}]" if where else name
        for key in ("ignore", "extend-ignore"):
            _global(out, f"{label} {key}", _codes(section.get(key)), "ruff")
        for key in ("per-file-ignores", "extend-per-file-ignores"):
            _per_file(out, f"{label} {key}", _table(section, key))
    # `lint.select` replaces the top level's (deprecated) `select`; `extend-select` adds to either
    lint = _table(table, "lint")
    for section, where in ((lint, f"{prefix}.lint" if prefix else "lint"), (table, prefix)):
        select = _codes(section.get("select")) if isinstance(section.get("select"), list) else []
        if select:
            extend = _codes(lint.get("extend-select")) + _codes(table.get("extend-select"))
            _unselected(out, f"{name} [{where}] select" if where else f"{name} select", select, select + extend)
            break


# A `select` list that names a family only to comment it out (ckan: `# "DTZ", # enforce timezone in date
# objects`, held-out round 150): the team considered that check and declined it, as an `ignore` would say.
_SELECT = re.compile(r"^[ \t]*((?:extend-)?select)[ \t]*=[ \t]*\[([^\]]*)\]", re.M)
_SECTION = re.compile(r"^[ \t]*\[([^\]\n]+)\][ \t]*(?:#.*)?$", re.M)
_QUOTED = re.compile(r"""["']([A-Za-z]+[0-9]*)["']""")


def _ruff_declined(out: list[Ignore], name: str, text: str, tables: tuple[str, ...]) -> None:
    """Codes commented out of a ruff `select` / `extend-select` list in `text` (a TOML file's raw text,
    since a parser drops comments), in the `tables` that hold ruff's settings ("" for the top level).
    A code an active entry still selects (`ALL`, or a shorter prefix) is not declined."""
    for m in _SELECT.finditer(text):
        headers = [h.group(1).strip() for h in _SECTION.finditer(text, 0, m.start())]
        table = headers[-1] if headers else ""
        if table not in tables:
            continue
        active: list[str] = []
        commented: list[str] = []
        for line in m.group(2).splitlines():
            code_part, _, comment = line.partition("#")
            active += [c.upper() for c in _QUOTED.findall(code_part)]
            if not code_part.strip() and comment:  # a line that is only a comment: `# "DTZ", # why`
                first = _QUOTED.match(comment.strip())
                if first:
                    commented.append(first.group(1))
        where = f"{name} [{table}] {m.group(1)}" if table else f"{name} {m.group(1)}"
        for code in commented:
            up = code.upper()
            if any(a == "ALL" or up.startswith(a) for a in active):
                continue
            ids = ids_for(code, "ruff")
            entry = Ignore(ids, f"{where}: {code} (commented out)")
            if ids and entry not in out:
                out.append(entry)


# pycodestyle's checks are the ones a `select` list picks among: a team that selects `E722` and no other `E`
# code (bbot's `.flake8`: `select = F,E722`, its CI running flake8 with the same list; 16 `== None` findings
# judged noise in held-out round 469) has read the family and declined the rest, as an `ignore` of them would
# say. Other families are not inferred this way: selecting `S101` alone says nothing about disabled TLS
# verification, and a plugin family nobody selected may be one the team has never heard of.
_SELECTED_FAMILIES = ("E",)


def _unselected(out: list[Ignore], where: str, select: list[str], active: list[str]) -> None:
    """Codes of a family that `select` names in part and no entry of `active` (select + extend-select) covers."""
    named = {m.group(0) for m in (re.match(r"[A-Z]+", c.upper()) for c in select if _CODE.fullmatch(c)) if m}
    actives = [a.upper() for a in active]
    for code in codes.NOQA:
        family = re.match(r"[A-Z]+", code)
        if family is None or family.group(0) not in _SELECTED_FAMILIES or family.group(0) not in named:
            continue
        if any(a == "ALL" or code.startswith(a) for a in actives):
            continue
        entry = Ignore(codes.NOQA[code], f"{where}: {code} not selected")
        if entry not in out:
            out.append(entry)


def _flake8(out: list[Ignore], name: str, section: dict[str, Any],
            excludes: Optional[list[Exclude]] = None) -> None:
    if excludes is not None:
        for key in ("exclude", "extend-exclude"):
            raw = section.get(key)
            for g in re.split(r"[\s,]+", raw) if isinstance(raw, str) else []:
                if g:
                    excludes.append(Exclude(g, f"{name} [flake8] {key}: {g}"))
    for key in ("ignore", "extend-ignore"):
        _global(out, f"{name} [flake8] {key}", _codes(section.get(key)), "flake8")
    select = _codes(section.get("select"))
    if select:
        _unselected(out, f"{name} [flake8] select", select, select + _codes(section.get("extend-select")))
    raw = section.get("per-file-ignores")
    if isinstance(raw, str):  # "path:CODES" entries separated by whitespace or newlines
        for entry in re.split(r"\s+(?=[^\s,:]+:)", raw.strip()):
            if ":" in entry:
                glob, _, listed = entry.partition(":")
                _per_file(out, f"{name} [flake8] per-file-ignores", {glob.strip(): listed})


def load(root: Path) -> ProjectIgnores:
    """What the repository's linter configuration ignores, mapped to our rule ids."""
    out: list[Ignore] = []
    excludes: list[Exclude] = []
    text = read_config(root, "pyproject.toml")
    if text is not None:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            data = {}
        _ruff(out, "pyproject.toml", _table(data, "tool", "ruff"), "tool.ruff", excludes)
        if data:
            _ruff_declined(out, "pyproject.toml", text, ("tool.ruff", "tool.ruff.lint"))
        flake8 = _table(data, "tool", "flake8")
        if flake8:
            _flake8(out, "pyproject.toml", {k: (",".join(v) if isinstance(v, list) and k != "per-file-ignores" else v)
                                            for k, v in flake8.items()}, excludes)
        bandit = _table(data, "tool", "bandit")
        _global(out, "pyproject.toml [tool.bandit] skips", _codes(bandit.get("skips")), "bandit")
        _bandit_excludes(out, "pyproject.toml [tool.bandit] exclude_dirs", _codes(bandit.get("exclude_dirs")))
    for name in ("ruff.toml", ".ruff.toml"):
        text = read_config(root, name)
        if text is not None:
            try:
                _ruff(out, name, tomllib.loads(text), "", excludes)
                _ruff_declined(out, name, text, ("", "lint"))
            except tomllib.TOMLDecodeError:
                pass
            break  # ruff uses the first one it finds
    for name in (".flake8", "setup.cfg", "tox.ini"):
        text = read_config(root, name)
        if text is None:
            continue
        parser = ini(text)
        if parser is None:
            continue
        if parser.has_section("flake8"):
            _flake8(out, name, dict(parser.items("flake8")), excludes)
            break  # flake8 reads the first file that has the section
    for name in BANDIT_INI_FILES:
        parser = ini(read_config(root, name) or "")
        if parser is not None and parser.has_section("bandit"):
            _global(out, f"{name} [bandit] skips", _codes(parser.get("bandit", "skips", fallback="")), "bandit")
            _bandit_excludes(out, f"{name} [bandit] exclude", _codes(parser.get("bandit", "exclude", fallback="")))
    _pylint(root, out, excludes)
    _precommit(root, excludes, out)
    _ci_lint_lines(root, out)
    return ProjectIgnores(out, excludes, root)


# `flake8 . --exit-zero --ignore=E7,F841` or `ruff check --extend-ignore E711 src` on a command line CI runs
_CI_LINT = re.compile(r"\b(flake8|ruff)\b(?![-\w.])")
_CI_IGNORE = re.compile(r"^--(?:extend-)?ignore(?:=(.*))?$")


def _ci_lint_lines(root: Path, out: list[Ignore]) -> None:
    """The codes a flake8 or ruff command line in the Makefile, tox.ini or a GitHub Actions workflow ignores
    (`--ignore`, `--extend-ignore`), as a configuration file's would be: keripy's workflow runs `flake8 .
    --exit-zero --ignore=E7,...`, a decision its commit says the maintainers took (held-out round 545). For
    the files the line names when it names any (ibllib's `flake8 --ignore E ibllib/qc/camera.py`, tinygrad's
    `ruff check examples/mlperf/ --ignore E501`), for every file when it names `.` or none; a line whose paths
    come from variables (`{[tox]source_dir}`, `$SRC`) is not read. A `--select` there decides nothing:
    GitHub's starter workflow gates on `--select=E9,F63,F7,F82`, then reports every code with `--exit-zero`."""
    for name in ("Makefile", "makefile", "GNUmakefile", "tox.ini", *workflows(root)):
        text = read_config(root, name)
        for line in (text or "").splitlines():
            if line.lstrip().startswith("#") or "ignore" not in line:
                continue
            for tool in _CI_LINT.finditer(line):  # `ruff check . && flake8 --ignore E711 src`: both commands
                _ci_lint_line(root, out, name, tool.group(1), line[tool.end():])


def _ci_lint_line(root: Path, out: list[Ignore], name: str, tool: str, rest: str) -> None:
    """One command line's ignored codes (`rest` follows the tool's name), scoped to the repository paths it
    names; a path outside the repository (`/etc`, `../x`) is not looked at."""
    words = re.split(r"\s+", re.split(r"\s(?:&&|\|\||;|\||#)\s|[;&|]\s*$", rest)[0].strip())
    ignored: list[str] = []
    paths: list[str] = []
    at = 0
    while at < len(words):
        word = words[at].strip("\"'")
        at += 1
        m = _CI_IGNORE.match(word)
        if m:
            value = m.group(1)
            if value is None and at < len(words):
                value, at = words[at], at + 1
            ignored += [c for c in re.split(r"[\s,]+", (value or "").strip("\"'")) if c]
        elif "{" in word or "$" in word:
            return  # the files come from a variable: which ones is not known here
        elif word and not word.startswith(("-", "/")) and ".." not in word.split("/") \
                and (word in (".", "./") or (root / word).exists()):
            paths.append(word)
    if not ignored:
        return
    where = f"{name} {tool} --ignore"
    scoped = [p for p in paths if p not in (".", "./")]
    if not scoped or len(scoped) < len(paths):
        _global(out, where, ignored, tool)
        return
    for path in scoped:
        for code in ignored:
            ids = ids_for(code, tool)
            if ids:
                out.append(Ignore(ids, f"{where} {path!r}: {code}", path.rstrip("/")))


# bandit's INI section, in `.bandit` (read by default) or in the file its `--ini` names (OpenStack's
# tox.ini: manila runs `bandit -r manila --ini tox.ini` with `exclude = tests,hitachi,ssh_utils.py`)
BANDIT_INI_FILES = (".bandit", "tox.ini", "setup.cfg")


def _bandit_excludes(out: list[Ignore], where: str, patterns: Iterable[str]) -> None:
    """Paths bandit does not scan get none of the rules a bandit id maps to. bandit excludes a file when a
    pattern matches its path as a glob or occurs in it (`hitachi` excludes `drivers/hitachi/hnas/ssh.py`)."""
    ids = tuple(dict.fromkeys(r for rs in codes.NOSEC.values() for r in rs))
    for raw in patterns:
        pattern = raw.strip().removeprefix("./")
        if not pattern.strip("/"):
            continue
        glob = pattern if any(c in pattern for c in "*?[") else f"*{pattern}*"
        entry = Ignore(ids, f"{where}: {raw.strip()}", glob)
        if entry not in out:
            out.append(entry)


# pylint's configuration files, in the order pylint looks for them (it reads the first it finds)
_PYLINT_FILES = ("pylintrc", ".pylintrc", "pyproject.toml", "setup.cfg", "tox.ini")
# `--disable=W0102,C0114` or `--disable W0102` on a pylint command line. A whole category (`disable=R`, `W`)
# is no decision about one check: alerta disables `W` in its pylintrc, and its five exceptions built and not
# raised (W0133) were all judged worth saying (benchmarks/precision/scans/pylintcat.py), so it is not read;
# but the Convention category, `C`, is style alone (codes.CONVENTION: tobac's `--disable=C`).
_PYLINT_DISABLE = re.compile(r"--disable(?:=|[ \t]+)[\"']?([A-Za-z0-9_,\-]+)")


def _pylint_disables(out: list[Ignore], where: str, disable: Any, enable: Any = None) -> None:
    """`disable` codes (ids or names) as ignores; `disable=all` is every mapped code not in `enable`."""
    listed = _codes(disable)
    if any(c.strip().lower() == "all" for c in listed):
        enabled = {r for c in _codes(enable) for r in codes.rules_for("pylint", c)}
        listed = [c for c in codes.PYLINT if not set(codes.rules_for("pylint", c)) <= enabled]
    _global(out, where, listed, "pylint")


def _pylint_ignored(excludes: list[Exclude], where: str, ignore: Any, paths: Any) -> None:
    """pylint's `ignore` (base names of files or folders) and `ignore-paths` (regexes pylint matches from
    the start of a path): what pylint does not lint (guildai's `ignore-paths=guild/_skopt`, a copy of
    scikit-optimize, held-out round 160)."""
    for name in _codes(ignore) if isinstance(ignore, list) else re.split(r"\s*[,\n]\s*", str(ignore or "")):
        if name.strip() and name.strip() != "CVS":  # pylint's default
            excludes.append(Exclude(name.strip(), f"{where} ignore: {name.strip()}"))
    for rx in _codes(paths) if isinstance(paths, list) else re.split(r"\s*[,\n]\s*", str(paths or "")):
        rx = rx.strip()
        if rx:
            excludes.append(Exclude(rx if rx.startswith("^") else "^(?:" + rx + ")", f"{where} ignore-paths: {rx}",
                                    regex=True))


def _pylint(root: Path, out: list[Ignore], excludes: Optional[list[Exclude]] = None) -> None:
    """pylint's `disable` list: from the first configuration file pylint would read, and from `--disable`
    on a pylint command line in the Makefile, tox.ini or a GitHub Actions workflow (qlib's `make pylint`, which
    its CI runs); and
    into `excludes`, its `ignore` and `ignore-paths` from that file."""
    for name in _PYLINT_FILES:
        text = read_config(root, name)
        if text is None:
            continue
        if name == "pyproject.toml":
            try:
                tool = _table(tomllib.loads(text), "tool", "pylint")
            except tomllib.TOMLDecodeError:
                continue
            if not tool:
                continue
            for key in ("messages_control", "messages control", "MESSAGES CONTROL"):
                table = _table(tool, key)
                if table:
                    _pylint_disables(out, f"pyproject.toml [tool.pylint.{key}] disable", table.get("disable"),
                                     table.get("enable"))
            for key in ("main", "master", "MAIN", "MASTER"):
                table = _table(tool, key)
                if table and excludes is not None:
                    _pylint_ignored(excludes, f"pyproject.toml [tool.pylint.{key}]", table.get("ignore"),
                                    table.get("ignore-paths"))
            break
        if _pylint_ini(out, excludes, name, text, rcfile=name.endswith("pylintrc")):
            break
    rcfiles: list[str] = []
    for name in ("Makefile", "makefile", "GNUmakefile", "tox.ini", *workflows(root)):
        text = read_config(root, name)
        for line in (text or "").splitlines():
            if line.lstrip().startswith("#"):
                continue
            if re.search(r"\bpylint\b", line):
                for m in _PYLINT_DISABLE.finditer(line):
                    _pylint_disables(out, f"{name} pylint --disable", _named(m.group(1)))
            # the file CI names with `--rcfile` (walinuxagent's workflow: `PYLINT_OPTIONS="--rcfile=ci/pylintrc"`,
            # whose `disable=C` covers its `!= None`, held-out round 524)
            for m in _RCFILE.finditer(line):
                runs_pylint = re.search(r"(?i)pylint", line[:m.start()] + line[m.end():])  # not the path alone
                if runs_pylint and m.group(1) not in rcfiles and len(rcfiles) < 4:
                    rcfiles.append(m.group(1))
    for rc in rcfiles:
        text = read_config(root, rc)
        if text is not None:
            _pylint_ini(out, excludes, rc, text, rcfile=True)


# `--rcfile=ci/pylintrc` or `--rcfile ci/pylintrc` on a command line that runs pylint (a repository path)
_RCFILE = re.compile(r"--rcfile(?:=|[ \t]+)[\"']?((?:\./)?[A-Za-z0-9_.][A-Za-z0-9_./-]*)")


def _pylint_ini(out: list[Ignore], excludes: Optional[list[Exclude]], name: str, text: str, rcfile: bool) -> bool:
    """The `disable` lists (and, into `excludes`, `ignore` / `ignore-paths`) of an INI file pylint reads: every
    section of a pylintrc (`rcfile`), those named `pylint...` of setup.cfg and tox.ini. False when the file does
    not configure pylint (pylint then looks further)."""
    parser = ini(text)
    if parser is None:
        return False
    # pylint reads every section of a pylintrc, and of setup.cfg and tox.ini those named `pylint...`, as one
    # set of options: `disable` counts wherever it is written (Nagstamon's `[MASTER] disable=R,C,W`, held-out
    # round 441), not only under `[MESSAGES CONTROL]`
    sections = [s for s in parser.sections() if rcfile or s.lower().startswith("pylint")]
    if not sections:
        return False
    for section in sections:
        if parser.has_option(section, "disable"):
            _pylint_disables(out, f"{name} [{section}] disable", parser.get(section, "disable", fallback=""),
                             parser.get(section, "enable", fallback=""))
    main = ("main", "master") if rcfile else ("pylint.main", "pylint.master")
    for section in (s for s in parser.sections() if s.lower() in main):
        if excludes is not None:
            _pylint_ignored(excludes, f"{name} [{section}]", parser.get(section, "ignore", fallback=""),
                            parser.get(section, "ignore-paths", fallback=""))
    return True


def _named(codes_text: str) -> str:
    """A command line's `--disable` codes without `all`: `pylint --disable all --enable missing-docstring` is one
    focused step (spotify-downloader's docstring check, next to a full pylint run), not the project's policy."""
    return ",".join(c for c in codes_text.split(",") if c.strip().lower() != "all")


WORKFLOWS = ".github/workflows"
_MAX_WORKFLOWS = 40


def workflows(root: Path) -> list[str]:
    """The GitHub Actions workflow files at the root, at most `_MAX_WORKFLOWS` in name order (a `run: pylint
    --disable=W0102 src/` step is the CI's pylint; rules.pyversion reads their Pythons)."""
    if fsutil.refused(root, WORKFLOWS) is not None:
        return []
    try:
        folder = root / WORKFLOWS
        if not folder.is_dir() or folder.is_symlink():
            return []
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith((".yml", ".yaml")))
        return [f"{WORKFLOWS}/{name}" for name in names[:_MAX_WORKFLOWS]]
    except OSError:
        return []


# pre-commit hooks that run a linter whose decisions this module reads: their own `exclude` regex is
# the team saying those files are not linted (black's vendored blib2to3, pylint's message examples)
_LINT_HOOKS = frozenset({"ruff", "ruff-check", "flake8"})


def _precommit(root: Path, excludes: list[Exclude], out: list[Ignore]) -> None:
    """.pre-commit-config.yaml's `exclude` regexes: top-level, and a ruff or flake8 hook's own (re.search);
    the `--exclude` / `--ignore` options (and their `--extend-` forms) in a ruff or flake8 hook's `args`;
    and the `--disable` of a pylint hook's `args`."""
    text = read_config(root, ".pre-commit-config.yaml")
    if text is None or ("exclude" not in text and "pylint" not in text and "ignore" not in text
                        and "pygrep" not in text):
        return
    import yaml  # type: ignore[import-untyped, unused-ignore]

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    if not isinstance(data, dict):
        return
    _precommit_exclude(data.get("exclude"), ".pre-commit-config.yaml exclude", excludes)
    repos = data.get("repos")
    for repo in repos if isinstance(repos, list) else ():
        hooks = repo.get("hooks") if isinstance(repo, dict) else None
        for hook in hooks if isinstance(hooks, list) else ():
            if isinstance(hook, dict) and hook.get("id") in _LINT_HOOKS:
                where = f".pre-commit-config.yaml hook {hook['id']} exclude"
                _precommit_exclude(hook.get("exclude"), where, excludes)
                if isinstance(hook.get("args"), list):
                    _lint_hook_args(str(hook["id"]), [str(a) for a in hook["args"]], out, excludes)
            if isinstance(hook, dict) and hook.get("language") == "pygrep":
                _forbidden_fix(hook, out)
            if isinstance(hook, dict) and hook.get("id") == "pylint" and isinstance(hook.get("args"), list):
                line = " ".join(str(a) for a in hook["args"])
                for m in _PYLINT_DISABLE.finditer(line):
                    _pylint_disables(out, ".pre-commit-config.yaml hook pylint args --disable", m.group(1))


# What a rule tells the team to write instead, as the code would spell it: a project whose own pre-commit check
# forbids that has chosen the flagged API (allura's `tz-functions` hook, `entry: '\.now\(|\.fromtimestamp\(|...'`,
# "use .utcnow() rather than .now()": naive UTC everywhere, 112 `utcnow()` findings judged noise, held-out
# round 564).
_RULE_FIXES = {
    "python-standards/utcnow": ("datetime.now(timezone.utc)", "datetime.datetime.now(datetime.UTC)",
                                "datetime.fromtimestamp(ts, tz=timezone.utc)"),
}


def _forbidden_fix(hook: dict[str, Any], out: list[Ignore]) -> None:
    """A pre-commit `pygrep` hook fails on the lines its `entry` regex matches: one that matches what a rule
    tells the team to write instead turns that rule off, as an ignored code would."""
    entry = hook.get("entry")
    if not isinstance(entry, str) or not entry or hook.get("args"):  # `--negate` and the like turn it around
        return
    try:
        pattern = re.compile(entry)
    except re.error:
        return
    for rule, fixes in _RULE_FIXES.items():
        if any(pattern.search(f) for f in fixes):
            entry_shown = " ".join(entry.split())
            out.append(Ignore((rule,), f".pre-commit-config.yaml hook {hook.get('id', 'pygrep')} forbids "
                                       f"what {rule} asks for (entry: {entry_shown})"))


# A ruff or flake8 hook's command line says what the team's own linting leaves out, as a config file would
# (emmet's `args: [--fix, --ignore, "D,E501,E741,E402", --exclude, "__init__.py,emmet-cli-legacy"]`,
# held-out round 251): comma-separated globs with the tools' exclude semantics, and codes.
_HOOK_OPTIONS = ("--exclude", "--extend-exclude", "--ignore", "--extend-ignore")


def _lint_hook_args(hook: str, args: list[str], out: list[Ignore], excludes: list[Exclude]) -> None:
    tool = "flake8" if hook == "flake8" else "ruff"
    at = 0
    while at < len(args):
        option, eq, value = args[at].partition("=")
        if option not in _HOOK_OPTIONS:
            at += 1
            continue
        if not eq:  # `--exclude VALUE`: the value is the next argument
            if at + 1 >= len(args):
                break
            value = args[at + 1]
            at += 1
        at += 1
        where = f".pre-commit-config.yaml hook {hook} args {option}"
        listed = [v for v in re.split(r"[\s,]+", value) if v]
        if option.endswith("exclude"):
            excludes.extend(Exclude(g, f"{where}: {g}") for g in listed)
        else:
            _global(out, where, listed, tool)


def _precommit_exclude(pattern: Any, where: str, excludes: list[Exclude]) -> None:
    if not isinstance(pattern, str) or not pattern or pattern == "^$":
        return
    try:
        re.compile(pattern)
    except re.error:
        return
    excludes.append(Exclude(pattern, f"{where}: {' '.join(pattern.split())}", regex=True))


# pytest's options that hide every warning from a test run: the warnings plugin switched off, the
# summary suppressed, or Python's own filter set to ignore all (`-W ignore`, not `-W ignore::X`)
_HIDE_OPTS = re.compile(r"(?:^|\s)(?:-p\s*no:warnings|--disable(?:-pytest)?-warnings|-W\s*=?\s*ignore)(?=\s|$)")


def hides_warnings(addopts: Any, filterwarnings: Any) -> Optional[str]:
    """Which of pytest's `addopts` / `filterwarnings` values hides every warning, or None."""
    opts = " ".join(str(a) for a in addopts) if isinstance(addopts, list) else addopts
    if isinstance(opts, str):
        m = _HIDE_OPTS.search(" ".join(opts.split()))
        if m:
            return f"addopts: {m.group(0).strip()}"
    lines = filterwarnings if isinstance(filterwarnings, list) else \
        (filterwarnings.splitlines() if isinstance(filterwarnings, str) else [])
    if any(isinstance(x, str) and x.strip() == "ignore" for x in lines):
        return "filterwarnings: ignore"
    return None


def hidden_warnings(root: Path) -> Optional[str]:
    """Where the repository's pytest configuration hides every warning from its test runs, or None.

    The file pytest reads is the first that holds its section: `pytest.ini` (whatever it holds),
    `pyproject.toml`, `tox.ini`, `setup.cfg`; the answer names it, e.g. "pytest.ini [pytest] addopts: -p no:warnings".
    """
    text = read_config(root, "pytest.ini")
    if text is not None:
        parser = ini(text)
        if parser is None or not parser.has_section("pytest"):
            return None
        said = hides_warnings(parser.get("pytest", "addopts", fallback=None),
                              parser.get("pytest", "filterwarnings", fallback=None))
        return f"pytest.ini [pytest] {said}" if said else None
    data = read_toml(root, "pyproject.toml")
    for table in (("tool", "pytest", "ini_options"), ("tool", "pytest")):
        options = _table(data, *table)
        if options:
            said = hides_warnings(options.get("addopts"), options.get("filterwarnings"))
            return f"pyproject.toml [{'.'.join(table)}] {said}" if said else None
    for name, section in (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        parser = ini(read_config(root, name) or "")
        if parser is not None and parser.has_section(section):
            said = hides_warnings(parser.get(section, "addopts", fallback=None),
                                  parser.get(section, "filterwarnings", fallback=None))
            return f"{name} [{section}] {said}" if said else None
    return None
