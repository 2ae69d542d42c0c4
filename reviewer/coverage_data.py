"""coverage.py data in the three forms users have -> FileCoverage records.

- the `.coverage` SQLite database, read through coverage's public data API
  (`CoverageData.lines/arcs`); missing branch arcs are computed the way
  coverage's own report does: the static arc set of the current source
  (coverage's `PythonParser`) minus the executed arcs, from lines with more
  than one exit;
- `coverage json` (format 3; branch arrays since coverage 6.5);
- Cobertura XML from `coverage xml` (`missing-branches` names destinations, with
  "exit" for leaving the function; the static arc set turns that back into
  coverage's negative arc).

Paths come back repository-relative and '/'-separated, after coverage's own
`[paths]` remapping from the repository's coverage configuration. Named
`coverage_data` because `coverage.py` would shadow the coverage package.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional

from reviewer.errors import UsageError
from reviewer.records import FileCoverage

if TYPE_CHECKING:
    from coverage.parser import PythonParser

# Looked for in the repository root when no file is configured, in this order.
DEFAULT_FILES = (".coverage", "coverage.json", "coverage.xml")
# Where coverage.py reads its configuration, in its own order of preference.
_CONFIG_FILES = (".coveragerc", "setup.cfg", "tox.ini", "pyproject.toml")
_CONFIG_MARKERS = {"setup.cfg": "[coverage:", "tox.ini": "[coverage:", "pyproject.toml": "[tool.coverage"}

Arc = tuple[int, int]


@dataclass(frozen=True)
class CoverageSettings:
    """What the repository's coverage configuration says that matters for reading data."""

    exclude: Optional[str] = None  # one regex, as coverage joins them
    partial: Optional[str] = None
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()  # [paths]: (result, patterns)
    relative_files: bool = False
    source: Optional[str] = None  # the file the settings came from


@dataclass(frozen=True)
class CoverageData:
    """Coverage for a set of files, keyed by repository-relative path."""

    files: Mapping[str, FileCoverage]
    branch: bool  # False: the data has line coverage only
    kind: str  # "sqlite" | "json" | "xml"
    path: Path
    outside: tuple[str, ...] = ()  # measured files outside the repository (ignored)
    notes: tuple[str, ...] = field(default=())

    def get(self, path: str) -> Optional[FileCoverage]:
        return self.files.get(path)


# --- locating and loading -------------------------------------------------------------------

def locate(root: Path, configured: Optional[str]) -> Path:
    """The coverage file to read: the configured one, else the first default in `root`."""
    if configured:
        path = Path(configured)
        path = path if path.is_absolute() else root / path
        if not path.exists():
            raise UsageError(f"coverage file {configured} not found (run `coverage run --branch -m pytest` first)")
        return path
    for name in DEFAULT_FILES:
        if (root / name).is_file():
            return root / name
    raise UsageError(
        f"no coverage data in {root} (looked for {', '.join(DEFAULT_FILES)}): run "
        "`coverage run --branch -m pytest`, or pass --coverage-file"
    )


def load(path: Path, root: Path, only: Optional[Iterable[str]] = None, executed_arcs: bool = True) -> CoverageData:
    """Read `path` in whichever of the three formats it is.

    `only`, when given, limits the work to those repository-relative paths
    (reading a large `.coverage` database analyses every file otherwise).
    Cobertura XML names only the missing branch destinations; the executed
    ones come from coverage's static analysis of the source, which is the
    slow part: `executed_arcs=False` skips it (XML records then carry
    `executed_arcs=None`; missing arcs are the same). Raises UsageError for
    a missing, unreadable or corrupt file.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise UsageError(f"cannot read coverage file {path}: {exc.strerror}") from None
    settings = read_settings(root)
    wanted = None if only is None else set(only)
    if head.startswith(b"SQLite format 3\0"):
        return _load_sqlite(path, root, settings, wanted)
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return _load_json(path, root, settings, wanted)
    if stripped.startswith(b"<"):
        return _load_xml(path, root, settings, wanted, executed_arcs)
    raise UsageError(f"{path} is not coverage data (expected a .coverage database, coverage json or coverage xml)")


def read_settings(root: Path) -> CoverageSettings:
    """The parts of the repository's coverage configuration that change how data is read."""
    import coverage

    chosen: Optional[Path] = None
    for name in _CONFIG_FILES:
        candidate = root / name
        if not candidate.is_file():
            continue
        marker = _CONFIG_MARKERS.get(name)
        try:
            if marker is None or marker in candidate.read_text(encoding="utf-8", errors="replace"):
                chosen = candidate
                break
        except OSError:
            continue
    try:
        cov = coverage.Coverage(data_file=None, config_file=str(chosen) if chosen else False)
    except coverage.CoverageException as exc:
        raise UsageError(f"coverage configuration {chosen}: {exc}") from None

    def regex(*names: str) -> Optional[str]:
        items: list[str] = []
        for name in names:
            items += [r for r in cov.get_option(name) or [] if r not in items]  # type: ignore[union-attr]
        return "|".join(f"(?:{r})" for r in items) if items else None

    raw_paths = cov.get_option("paths") or {}
    paths = tuple((v[0], tuple(v[1:])) for v in raw_paths.values() if v)  # type: ignore[union-attr]
    return CoverageSettings(
        exclude=regex("report:exclude_lines"),
        partial=regex("report:partial_branches", "report:partial_branches_always"),
        paths=paths,
        relative_files=bool(cov.get_option("run:relative_files")),
        source=str(chosen) if chosen else None,
    )


# --- paths ----------------------------------------------------------------------------------

class _Paths:
    """Measured file name -> repository-relative path, through coverage's [paths] aliases."""

    def __init__(self, root: Path, settings: CoverageSettings, base: Path) -> None:
        from coverage.files import PathAliases

        self.root = Path(os.path.realpath(root))
        self.base = base  # folder that relative names are relative to, when not the root
        # relative=True keeps coverage from resolving relative patterns and results against the
        # process's working folder; they are resolved against the repository root below.
        self.aliases = PathAliases(relative=True)
        for result, patterns in settings.paths:
            for pattern in patterns:
                self.aliases.add(pattern, result)

    def _exists(self, path: str) -> bool:
        return os.path.exists(path if os.path.isabs(path) else os.path.join(self.root, path))

    def relative(self, name: str) -> Optional[str]:
        mapped = self.aliases.map(name, exists=self._exists)
        candidates = [mapped] if os.path.isabs(mapped) else [
            os.path.join(self.root, mapped), os.path.join(self.base, mapped)]
        for cand in candidates:
            rel = self._under_root(cand)
            if rel is not None and (self.root / rel).exists():
                return rel
        for cand in candidates:
            rel = self._under_root(cand)
            if rel is not None:
                return rel
        return None

    def _under_root(self, path: str) -> Optional[str]:
        real = os.path.realpath(path)
        try:
            rel = os.path.relpath(real, self.root)
        except ValueError:  # another drive on Windows
            return None
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return None
        return rel.replace(os.sep, "/")


# --- static analysis ------------------------------------------------------------------------

@dataclass(frozen=True)
class Static:
    """What coverage's parser says about a source file: statements and possible arcs."""

    statements: frozenset[int]
    excluded: frozenset[int]
    arcs: frozenset[Arc]
    exit_counts: Mapping[int, int]
    no_branch: frozenset[int]
    parser: "PythonParser"

    def branch_arcs(self) -> dict[int, set[int]]:
        """Possible destinations of each line with more than one exit, as coverage counts them."""
        out: dict[int, set[int]] = {}
        branch_lines = {line for line, n in self.exit_counts.items() if n > 1}
        for a, b in self.arcs:
            if a in branch_lines and a not in self.no_branch and b not in self.excluded:
                out.setdefault(a, set()).add(b)
        return out


def static_analysis(text: str, filename: str, settings: CoverageSettings) -> Optional[Static]:
    """Parse Python source like coverage's report does; None when it does not parse."""
    from coverage.exceptions import NotPython
    from coverage.parser import PythonParser

    parser = PythonParser(text=text, filename=filename, exclude=settings.exclude)
    try:
        parser.parse_source()
        arcs = parser.arcs()
        exits = parser.exit_counts()
    except (NotPython, SyntaxError, ValueError):
        return None
    no_branch = parser.lines_matching(settings.partial) if settings.partial else set()
    return Static(frozenset(parser.statements), frozenset(parser.excluded), frozenset(arcs), exits,
                  frozenset(no_branch), parser)


def _read_source(root: Path, rel: str) -> Optional[str]:
    from reviewer.fsutil import read_inside

    try:
        data = read_inside(root, rel.replace(os.sep, "/"))  # inside the repository, never through a link
    except OSError:
        return None
    return None if data is None else data.decode("utf-8", errors="replace")


# --- .coverage ------------------------------------------------------------------------------

def _load_sqlite(path: Path, root: Path, settings: CoverageSettings, wanted: Optional[set[str]]) -> CoverageData:
    from coverage import CoverageData as CovData
    from coverage.exceptions import CoverageException

    _check_schema(path)
    data = CovData(basename=str(path))
    paths = _Paths(root, settings, path.parent)
    files: dict[str, FileCoverage] = {}
    outside: list[str] = []
    notes: list[str] = []
    try:
        data.read()
        branch = data.has_arcs()
        for name in sorted(data.measured_files()):
            rel = paths.relative(name)
            if rel is None:
                outside.append(name)
                continue
            if wanted is not None and rel not in wanted:
                continue
            text = _read_source(root, rel)
            static = static_analysis(text, rel, settings) if text is not None else None
            if static is None:
                notes.append(f"{rel}: no Python source to analyse; its coverage is not reported")
                continue
            files[rel] = _analyse(rel, static, data.lines(name) or [], data.arcs(name) if branch else None)
    # CoverageException for bad data; sqlite3.DatabaseError (not wrapped by coverage) for a damaged file.
    except (CoverageException, sqlite3.Error) as exc:
        raise UsageError(f"cannot read coverage data {path}: {_one_line(exc)}") from None
    return CoverageData(files, branch, "sqlite", path, tuple(outside), tuple(notes))


def analyse_file(rel: str, text: str, lines: Iterable[int], arcs: Optional[Iterable[Arc]],
                 settings: CoverageSettings) -> Optional[FileCoverage]:
    """Coverage of one file from raw measured lines/arcs and its current source (None if not Python)."""
    static = static_analysis(text, rel, settings)
    return None if static is None else _analyse(rel, static, lines, arcs)


def _check_schema(path: Path) -> None:
    """Refuse SQLite files that are not coverage data before coverage opens them.

    coverage creates its tables in a database that lacks them; opening a
    stranger's database read-only first keeps the user's file untouched.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute(
                "select 1 from sqlite_master where type = 'table' and name = 'coverage_schema'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise UsageError(f"cannot read coverage data {path}: {_one_line(exc)}") from None
    if found is None:
        raise UsageError(f"cannot read coverage data {path}: an SQLite database without coverage.py's tables")


def _analyse(rel: str, static: Static, lines: Iterable[int], arcs: Optional[Iterable[Arc]]) -> FileCoverage:
    """coverage's report arithmetic (coverage/results.py), over public inputs."""
    parser = static.parser
    executed = parser.translate_lines(lines) & static.statements
    missing = static.statements - executed
    if arcs is None:
        return FileCoverage(rel, frozenset(executed), frozenset(missing))
    # A line that jumps to itself in the data stands for its only possible destination.
    dests: dict[int, set[int]] = {}
    for a, b in static.arcs:
        dests.setdefault(a, set()).add(b)
    normalised: set[Arc] = set()
    for a, b in parser.translate_arcs(arcs):
        if a != b:
            normalised.add((a, b))
        elif len(dests.get(a, ())) == 1:
            normalised.add((a, next(iter(dests[a]))))
    taken = parser.translate_arcs(normalised)
    ex_arcs: set[Arc] = set()
    miss_arcs: set[Arc] = set()
    for a, targets in static.branch_arcs().items():
        for b in targets:
            (ex_arcs if (a, b) in taken else miss_arcs).add((a, b))
    return FileCoverage(rel, frozenset(executed), frozenset(missing), frozenset(ex_arcs), frozenset(miss_arcs))


# --- coverage json --------------------------------------------------------------------------

def _load_json(path: Path, root: Path, settings: CoverageSettings, wanted: Optional[set[str]]) -> CoverageData:
    from reviewer.fsutil import load_json

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read coverage json {path}: {_one_line(exc)}") from None
    doc = load_json(raw, f"coverage json {path}")
    if not isinstance(doc, dict) or not isinstance(doc.get("files"), dict):
        raise UsageError(f"{path} is not a `coverage json` report (no 'files' object)")
    meta = doc.get("meta") or {}
    if not isinstance(meta, dict):
        raise UsageError(f"{path}: malformed coverage json: 'meta' must be an object, not {type(meta).__name__}")
    branch = bool(meta.get("branch_coverage"))
    paths = _Paths(root, settings, path.parent)
    files: dict[str, FileCoverage] = {}
    outside: list[str] = []
    try:
        for name, entry in doc["files"].items():
            if not isinstance(entry, dict):
                raise TypeError(f"the entry for {name!r} must be an object, not {type(entry).__name__}")
            rel = paths.relative(name)
            if rel is None:
                outside.append(name)
                continue
            if wanted is not None and rel not in wanted:
                continue
            has_arcs = branch and "missing_branches" in entry
            files[rel] = FileCoverage(
                rel,
                frozenset(int(n) for n in entry["executed_lines"]),
                frozenset(int(n) for n in entry["missing_lines"]),
                frozenset((int(a), int(b)) for a, b in entry.get("executed_branches", ())) if has_arcs else None,
                frozenset((int(a), int(b)) for a, b in entry["missing_branches"]) if has_arcs else None,
            )
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise UsageError(f"{path}: malformed coverage json entry ({type(exc).__name__}: {exc})") from None
    notes: tuple[str, ...] = ()
    if branch and files and all(f.missing_arcs is None for f in files.values()):
        branch = False
        notes = ("the json report has no branch arrays (coverage older than 6.5): line coverage only",)
    return CoverageData(files, branch, "json", path, tuple(outside), notes)


# --- Cobertura XML --------------------------------------------------------------------------

_CONDITION = re.compile(r"\((\d+)/(\d+)\)")


def _load_xml(path: Path, root: Path, settings: CoverageSettings, wanted: Optional[set[str]],
              full: bool = True) -> CoverageData:
    import xml.etree.ElementTree as ET

    try:
        tree = ET.parse(path)
    except (OSError, ET.ParseError) as exc:
        raise UsageError(f"cannot read coverage xml {path}: {_one_line(exc)}") from None
    top = tree.getroot()
    if top.tag != "coverage":
        raise UsageError(f"{path} is not a Cobertura coverage report (root element <{top.tag}>)")
    branch = _declares_branches(top) or any(line.get("branch") == "true" for line in top.iter("line"))
    sources = [s.text.strip() for s in top.iter("source") if s.text and s.text.strip()]
    paths = _Paths(root, settings, path.parent)
    files: dict[str, FileCoverage] = {}
    outside: list[str] = []
    notes: list[str] = []
    for cls in top.iter("class"):
        name = cls.get("filename")
        if not name:
            continue
        rel = _xml_relative(paths, name, sources)
        if rel is None:
            outside.append(name)
            continue
        if wanted is not None and rel not in wanted:
            continue
        try:
            files[rel] = _xml_file(rel, cls, root, settings, branch, notes, full)
        except (TypeError, ValueError) as exc:
            raise UsageError(f"{path}: malformed <line> for {name} ({exc})") from None
    return CoverageData(files, branch, "xml", path, tuple(outside), tuple(notes))


def _declares_branches(top: Any) -> bool:
    # coverage xml writes branch-rate="0" and branches-valid="0" when branches were not measured.
    return top.get("branches-valid") not in (None, "0")


def _xml_relative(paths: _Paths, name: str, sources: list[str]) -> Optional[str]:
    if os.path.isabs(name) or not sources:
        return paths.relative(name)
    fallback = None
    for src in sources:
        rel = paths.relative(os.path.join(src, name))
        if rel is not None and (paths.root / rel).exists():
            return rel
        fallback = fallback or rel
    return fallback or paths.relative(name)


def _xml_file(rel: str, cls: Any, root: Path, settings: CoverageSettings, branch: bool,
              notes: list[str], full: bool) -> FileCoverage:
    executed: set[int] = set()
    missing: set[int] = set()
    missing_dest: dict[int, list[str]] = {}
    branch_lines: set[int] = set()
    for line in cls.iter("line"):
        number = int(line.get("number"))
        (executed if int(line.get("hits", "0")) > 0 else missing).add(number)
        if line.get("branch") == "true":
            branch_lines.add(number)
            dests = line.get("missing-branches")
            if dests:
                missing_dest[number] = [d.strip() for d in dests.split(",") if d.strip()]
    if not branch:
        return FileCoverage(rel, frozenset(executed), frozenset(missing))
    if not full:
        return FileCoverage(rel, frozenset(executed), frozenset(missing), None,
                            frozenset(_missing_arcs_fast(rel, root, missing_dest, notes)))
    text = _read_source(root, rel)
    static = static_analysis(text, rel, settings) if text is not None else None
    possible = static.branch_arcs() if static is not None else {}
    if static is None and branch_lines:
        notes.append(f"{rel}: source not found; arcs that leave a function are shown as leaving line's own scope")
    ex_arcs: set[Arc] = set()
    miss_arcs: set[Arc] = set()
    for line_no in branch_lines:
        targets = possible.get(line_no, set())
        missed: set[int] = set()
        for dest in missing_dest.get(line_no, ()):
            if dest == "exit":
                exits = sorted(t for t in targets if t < 0)
                missed.update(exits or [-line_no])
            else:
                missed.add(int(dest))
        miss_arcs.update((line_no, t) for t in missed)
        ex_arcs.update((line_no, t) for t in targets - missed)
    return FileCoverage(rel, frozenset(executed), frozenset(missing), frozenset(ex_arcs), frozenset(miss_arcs))


def _missing_arcs_fast(rel: str, root: Path, missing_dest: dict[int, list[str]], notes: list[str]) -> set[Arc]:
    """Missing arcs without coverage's full analysis: "exit" -> minus the enclosing code object's first line.

    coverage numbers a module's exit -1 and a function's or class's exit minus
    its first line (the first decorator's, when decorated).
    """
    import ast

    parsed = False
    scopes: list[tuple[int, int, int]] = []  # (def line, end line, code object start)
    if any("exit" in dests for dests in missing_dest.values()):
        try:
            from reviewer import pysafe

            tree = pysafe.parse(_read_source(root, rel) or "")  # Refused (too deep) is a ValueError
            parsed = (root / rel).is_file()
        except (SyntaxError, ValueError):
            tree = ast.Module(body=[], type_ignores=[])
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                scopes.append((node.lineno, node.end_lineno or node.lineno, first))
        if not parsed:
            notes.append(f"{rel}: no source to analyse; an arc leaving a function is shown as leaving its own line")
    out: set[Arc] = set()
    for line, dests in missing_dest.items():
        for dest in dests:
            if dest != "exit":
                out.add((line, int(dest)))
            elif not parsed:
                out.add((line, -line))
            else:
                inside = [sc for sc in scopes if sc[0] <= line <= sc[1]]
                out.add((line, -max(inside)[2] if inside else -1))
    return out


# --- staleness ------------------------------------------------------------------------------

def stale_files(data: CoverageData, root: Path, paths: Iterable[str]) -> list[str]:
    """Files among `paths` whose measured lines no longer match the source.

    Data is stale when a line it calls executed or missing is past the end of
    the file, blank, or only a comment now: the source changed after the run.
    """
    out: list[str] = []
    for rel in paths:
        fc = data.get(rel)
        if fc is None:
            continue
        text = _read_source(root, rel)
        if text is None:
            out.append(rel)
            continue
        lines = text.splitlines()
        for n in fc.executed | fc.missing:
            if n < 1 or n > len(lines):
                out.append(rel)
                break
            code = lines[n - 1].strip()
            if not code or code.startswith("#"):
                out.append(rel)
                break
    return out


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
