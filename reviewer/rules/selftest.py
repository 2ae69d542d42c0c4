"""Rule tests, semgrep style.

A pack's `tests/` folder holds Python files annotated on the line before the code:

    # expect: python-crypto/weak-hash      (a finding of this rule must start on the next line)
    # ok: python-crypto/weak-hash          (no finding of this rule may start on the next line)

Every finding of an annotated rule on a line without `expect` is a false
alarm.

A case file is checked as if it were a library module (`lib/<name>.py`, `-` made `_`), so the
contexts of `reviewer.rules.context` do not see its real place under `tests/`. A
`# path: tests/test_client.py` line among its first lines declares another path:
rules run with the treatment they give that path (a rule that skips test files
does not run, so its `ok` cases there hold and its `expect` cases are misses),
and with their own `files` / `exclude` globs, which an undeclared path ignores. For a test file `name.py`, `name.fixed.py` is the expected text after
applying the fixes of every rule annotated in it. Each rule needs at least one
`expect` and one `ok` case, and a rule with a fix needs a `.fixed.py` case.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from reviewer import rules as rulesmod
from reviewer.rules import context as rules_context, match as rules_match
from reviewer.errors import UsageError
from reviewer.records import Rule, RuleKind

_ANNOTATION = re.compile(r"^\s*#\s*(expect|ruleid|ok)\s*:\s*(.+?)\s*$")
_PATH = re.compile(r"^#\s*path:\s*(\S+)\s*$")
_LICENSE = re.compile(r"^#\s*license:\s*(.+?)\s*$", re.M)  # the project's license (rules.context's `copied`)
_DESCRIPTION = re.compile(r"^#\s*description:\s*(.+?)\s*$")  # the project's own words (rules.purpose)
_PYTEST = re.compile(r"^#\s*pytest addopts:\s*(.+?)\s*$")  # the project's pytest options (rules.lintconfig)
PATH_HEADER_LINES = 5  # a `# path:` declaration must be among a case file's first lines


@dataclass(frozen=True)
class Problem:
    rule: str
    path: str
    line: int
    what: str


@dataclass
class RuleResult:
    rule: Rule
    expect: int = 0
    ok: int = 0
    fixed: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def parse_annotations(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, rule id, annotation line, target line) for every annotation."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = _ANNOTATION.match(line)
        if not m:
            continue
        target = i + 1
        while target < len(lines) and _ANNOTATION.match(lines[target]):
            target += 1
        kind = "ok" if m.group(1) == "ok" else "expect"
        for rid in m.group(2).split(","):
            out.append((kind, rid.strip(), i + 1, target + 1))
    return out


def test_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "tests" in p.relative_to(folder).parts
                  and not p.name.endswith(".fixed.py"))


def _header(text: str, pattern: "re.Pattern[str]") -> Optional[str]:
    """The value a header line of a case file's first lines declares, or None."""
    for line in text.splitlines()[:PATH_HEADER_LINES]:
        m = pattern.match(line.strip())
        if m:
            return m.group(1)
    return None


def header_path(text: str) -> Optional[str]:
    """The repository path a case file's `# path:` header declares, or None."""
    return _header(text, _PATH)


def header_license(text: str) -> Optional[str]:
    """The project license a case file's `# license:` header declares (what its packaging would say: the
    `copied` context tells files under another license apart), or None."""
    return _header(text, _LICENSE)


def header_description(text: str) -> Optional[str]:
    """The project description a case file's `# description:` header declares (what its README or
    packaging would say of the project: `unless_project: security-tool` reads it), or None."""
    return _header(text, _DESCRIPTION)


def header_pytest_addopts(text: str) -> Optional[str]:
    """The pytest `addopts` a case file's `# pytest addopts:` header declares (what the project's pytest
    configuration would say: `unless_project: warnings-off` reads it), or None."""
    return _header(text, _PYTEST)


def declared_path(path: Path, text: str) -> str:
    """The repository path a case file stands for: its `# path:` header, else `lib/<name>.py`.

    The name is made a module name (`weak-hash.py` is checked as `lib/weak_hash.py`): a file named
    as no module can only be run, so it would count as a script (an entry point)."""
    return header_path(text) or f"lib/{re.sub(r'[^0-9A-Za-z_]', '_', path.stem)}.py"


def run_file(path: Path, by_id: dict[str, Rule], results: dict[str, RuleResult], shown: str,
             contexts: Optional[rules_context.Contexts] = None) -> list[Problem]:
    """Check one test file; returns problems that belong to no known rule."""
    text = path.read_text(encoding="utf-8")
    notes = parse_annotations(text)
    stray = [Problem(rid, shown, ln, f"annotation names unknown rule {rid!r}")
             for _k, rid, ln, _t in notes if rid not in by_id]
    tested = {rid: by_id[rid] for _k, rid, _l, _t in notes if rid in by_id}
    contexts = contexts or rules_context.Contexts()
    said = header_license(text)
    if said is not None:  # the project's license, which a copied file's notice is told apart from
        from reviewer.rules import purpose

        contexts = dataclasses.replace(contexts, licenses=purpose.license_families(said))
    # A declared path is checked as a review would check it, the rule's `files` / `exclude` globs too;
    # an undeclared one stands for any file the rule looks at.
    declared = header_path(text) is not None
    where = declared_path(path, text)
    # the `# license:` line speaks for the project, not for the file's own notice
    kinds = contexts.kinds(where, _LICENSE.sub("#", text, count=1) if said is not None else text)
    live = {rid: r for rid, r in tested.items()
            if rules_context.treatment(r, kinds) != "skip" and not contexts.is_vendored(where)
            and (not declared or rulesmod.applies_to(r, where))}
    pattern = [r for r in live.values() if r.matcher is not None]
    # A rule that `defers_to` another is tested with that one alongside (it decides which comment
    # is made); the other's own findings are checked by its own annotations, not here.
    alongside = sorted({d for r in pattern for d in r.defers_to
                        if d in by_id and d not in live and by_id[d].matcher is not None
                        and rules_context.treatment(by_id[d], kinds) != "skip"})
    matches = [m for m in rules_match.match_text(text, pattern + [by_id[d] for d in alongside])
               if m.rule.id in live]
    if any(m.rule.callee or m.rule.unless_project for m in matches):  # the case file stands for the repository
        from reviewer.rules import callers, lintconfig, practice, purpose

        sources = callers.Sources([text])
        moot = {"custom-task-factory": callers.installs_task_factory(sources),
                "security-tool": purpose.says_security_tool(header_description(text) or "") is not None,
                "warnings-off": lintconfig.hides_warnings(header_pytest_addopts(text), None) is not None,
                # the case file stands for the project's YAML too: a comment that quotes a Python tag
                "yaml-python-tags": practice.yaml_python_tags([text]) is not None,
                **{kind: decide([text]) is not None for kind, decide in practice.PRACTICES.items()}}
        moot["none-by-equality"] = moot["none-by-equality"] or practice.null_object([(where, text)]) is not None
        matches = [m for m in matches
                   if not (m.rule.callee == "exception" and callers.no_exception(text, m.line, sources, [where]))
                   and not (m.rule.unless_project and moot.get(m.rule.unless_project))]
    if matches:  # ... and code in a private function that it names only in its `def` never runs
        from reviewer.rules import callers

        dead = callers.never_called(text, {m.line for m in matches}, lambda: callers.Sources([text]))
        matches = [m for m in matches if m.line not in dead]
    found = {(m.rule.id, m.line) for m in matches}
    expected = {(rid, t) for k, rid, _l, t in notes if k == "expect" and rid in tested}
    oks = {(rid, t) for k, rid, _l, t in notes if k == "ok" and rid in tested}
    for rid, t in sorted(expected):
        results[rid].expect += 1
        if (rid, t) not in found:
            results[rid].problems.append(Problem(rid, shown, t, "missed: expected a finding here"))
    for rid, t in sorted(oks):
        results[rid].ok += 1
    for rid, line in sorted(found - expected):
        what = "false alarm on an `ok` case" if (rid, line) in oks else "false alarm: finding without `# expect`"
        results[rid].problems.append(Problem(rid, shown, line, what))
    fixed_path = path.with_name(path.stem + ".fixed.py")
    if fixed_path.is_file():
        want = fixed_path.read_text(encoding="utf-8")
        got = rules_match.apply_fixes(text, matches)
        fixers = [r.id for r in pattern if r.fix is not None]
        for rid in fixers:
            results[rid].fixed += 1
        if _parses(text) and not _parses(got):
            for rid in fixers:
                results[rid].problems.append(Problem(rid, shown, 1, "the fixes turn this file into invalid Python"))
        if got != want:
            line = _first_difference(got, want)
            for rid in fixers or list(tested):
                results[rid].problems.append(Problem(rid, str(Path(shown).with_name(fixed_path.name)), line,
                                                     f"fixed output differs from {fixed_path.name} at line {line}"))
    return stray


def _parses(text: str) -> bool:
    import ast

    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def _first_difference(a: str, b: str) -> int:
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
        if x != y:
            return n
    return min(len(a.splitlines()), len(b.splitlines())) + 1


def run(folders: Iterable[Path], rules: list[Rule], shown_root: Path) -> tuple[list[RuleResult], list[Problem]]:
    """Test `rules` against every test file under `folders`."""
    by_id = {r.id: r for r in rules}
    results = {r.id: RuleResult(r) for r in rules}
    stray: list[Problem] = []
    for folder in folders:
        for path in test_files(folder):
            stray += run_file(path, by_id, results, _shown(path, shown_root))
    for res in results.values():
        r = res.rule
        if r.kind == RuleKind.JUDGE:
            continue
        where = Path(r.source)
        if res.expect == 0:
            res.problems.append(Problem(r.id, _shown(where, shown_root), r.line, "no `# expect:` test case"))
        if res.ok == 0:
            res.problems.append(Problem(r.id, _shown(where, shown_root), r.line, "no `# ok:` test case"))
        if r.fix is not None and res.fixed == 0:
            res.problems.append(Problem(r.id, _shown(where, shown_root), r.line,
                                        "has a fix but no `<name>.fixed.py` test"))
    return list(results.values()), stray


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def load_targets(paths: list[Path]) -> tuple[list[Path], list[Rule]]:
    """Rule folders named on the command line, and their rules (pack = folder name)."""
    rules: list[Rule] = []
    for p in paths:
        if not p.is_dir():
            raise UsageError(f"{p}: not a folder of rules (give a pack folder or a folder of packs)")
        real = p.resolve()
        # Same pack names as a review: files directly in .reviewer/rules/ belong to `local`.
        top = "local" if real.name == "rules" and real.parent.name == ".reviewer" else real.name
        rules += rulesmod.load_folder(p, default_pack=top)
    return paths, rulesmod.check_unique(rules)
