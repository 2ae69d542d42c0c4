"""Verify a fix before anyone sees it: the one check shared by rule fixes and model-written fixes.

A suggestion is a claim that the code is better after it. It is shown only when,
applied to a copy of the file:

1. it replaces lines inside the changed hunk (when the caller says which lines those are);
2. the patched file still parses (Python: `ast.parse`; other languages are not parsed here);
3. the flagged rule no longer matches the replaced lines (pattern rules only: a judge rule has
   nothing to re-match);
4. no pattern rule newly fires anywhere in the file (compared by rule and matched text, so a
   finding that only moved because lines were added or removed does not count as new).

A finding whose fix fails keeps its message and loses the fix; `Finding.fix_withheld` says why,
and the JSON report carries that reason. In a test file no fix is offered at all
(`test_file=True`): a test may exercise the flagged behaviour on purpose
(`assert x == None` testing `__eq__`), and "fixing" it would change what is tested.
"""

from __future__ import annotations

import ast
import bisect
import warnings
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from reviewer.records import Finding, Rule, Suggestion

if TYPE_CHECKING:
    from reviewer.rules.match import Match


@dataclass(frozen=True)
class Verdict:
    """Whether a fix may be shown; `reason` is one line when it may not."""

    ok: bool
    reason: str = ""


OK = Verdict(True)


def patch(text: str, s: Suggestion) -> Optional[str]:
    """`text` with lines s.start_line..s.end_line replaced; None when the lines are not in the file."""
    lines = text.split("\n")
    if not (1 <= s.start_line <= s.end_line <= len(lines)):
        return None
    new = s.replacement.split("\n") if s.replacement else []
    return "\n".join(lines[: s.start_line - 1] + new + lines[s.end_line:])


def _parses(path: str, text: str) -> Optional[str]:
    if not path.endswith((".py", ".pyi")):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes is not our business here
            ast.parse(text)
    except SyntaxError as exc:
        return f"the fixed file does not parse (line {exc.lineno}: {exc.msg})"
    except (RecursionError, MemoryError, ValueError) as exc:
        return f"the fixed file cannot be checked ({type(exc).__name__})"
    return None


def _signature(rules: Sequence[Rule], text: str) -> Counter[tuple[str, str]]:
    from reviewer.rules import match as rules_match

    return signature(rules_match.match_text(text, rules))


def check(path: str, text: str, finding: Finding, rules: Sequence[Rule],
          allowed: Optional[Iterable[int]] = None,
          before: Optional[Counter[tuple[str, str]]] = None) -> Verdict:
    """Verdict on `finding.suggestion` for file `path` whose current text is `text`.

    `rules` are the pattern rules that apply to the file; `allowed` the new-side
    lines the fix may touch (the changed hunks), or None for no limit; `before`
    the file's match signature when the caller already has it (saves a parse).
    """
    s = finding.suggestion
    if s is None:
        return OK
    if allowed is not None:
        lines = set(allowed)
        if any(n not in lines for n in range(s.start_line, s.end_line + 1)):
            return Verdict(False, "the fix reaches outside the changed lines")
    fixed = patch(text, s)
    if fixed is None:
        return Verdict(False, "the fix names lines that are not in the file")
    if fixed == text:
        return Verdict(False, "the fix changes nothing")
    problem = _parses(path, fixed)
    if problem:
        return Verdict(False, problem)
    pattern = [r for r in rules if r.matcher is not None]
    if not pattern:
        return OK
    from reviewer.rules import match as rules_match

    old = before if before is not None else _signature(pattern, text)
    # One match of the fixed text serves both checks (the finding's own rule is one of `pattern`).
    matches = rules_match.match_text(fixed, pattern)
    new = signature(matches)
    span = range(s.start_line, s.start_line + max(len(s.replacement.split("\n")) if s.replacement else 0, 1))
    if any(m.rule.id == finding.rule and m.line in span for m in matches):
        return Verdict(False, f"{finding.rule} still matches after the fix")
    added = new - old
    if added:
        rule_id, _text = sorted(added)[0]
        return Verdict(False, f"the fix makes {rule_id} fire")
    return OK


def _regions(path: str, text: str) -> Optional[tuple[list[int], list[tuple[int, int]]]]:
    """First line of each top-level statement region of a Python file, and the top-level imports' line spans.

    A region runs from one top-level statement's first line (decorators
    included) to the line before the next one's (trailing comments and blank
    lines included); each is a complete sequence of statements that parses on
    its own. None when the file is not Python or does not parse.
    """
    if not path.endswith((".py", ".pyi")):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return None
    starts = sorted({min([n.lineno, *(d.lineno for d in getattr(n, "decorator_list", ()))]) for n in tree.body})
    if not starts:
        return None
    starts[0] = 1  # a leading comment or docstring-less preamble belongs to the first region
    imports = [(n.lineno, n.end_lineno or n.lineno) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    return starts, imports


def _shift(f: Finding, by: int) -> Finding:
    s = f.suggestion
    assert s is not None
    return replace(f, suggestion=replace(s, start_line=s.start_line - by, end_line=s.end_line - by))


TEST_FILE = "no fix in a test file: the test may exercise the flagged behaviour on purpose"
UNPARSED = "the file does not parse before the fix, so the fix cannot be checked"


def signature(matches: Iterable["Match"]) -> Counter[tuple[str, str]]:
    """A file's matches by rule and matched text (whitespace collapsed): what "newly fires" compares."""
    return Counter((m.rule.id, " ".join(m.text.split())) for m in matches)


def _all_at_once(path: str, text: str, findings: Sequence[Finding], pattern: Sequence[Rule],
                 allowed: Optional[frozenset[int]], before: Optional[Counter[tuple[str, str]]]
                 ) -> Optional[list[Finding]]:
    """Every fix of the file checked in one pass: applied together, parsed once, matched once.

    When the combined result passes all four checks for every fix (each stays in the hunk and
    changes something, the file parses, no fixed rule still matches its lines, no rule newly
    fires), each fix passes them alone too: the fixes touch disjoint lines and each is a local
    rewrite. Any failure, or fixes that overlap, returns None and each fix is checked on its own
    (which says which fix failed and why). One match of the file instead of two per fix.
    """
    from reviewer.rules import match as rules_match

    fixes = sorted((f.suggestion.start_line, f.suggestion.end_line, i) for i, f in enumerate(findings)
                   if f.suggestion is not None)
    lines = text.split("\n")
    for (a, b, _), (c, _d, _) in zip(fixes, fixes[1:]):
        if c <= b:
            return None  # two fixes on one line: each on its own
    spans: dict[int, range] = {}
    out_lines: list[str] = []
    at = 1  # next original line to copy
    for a, b, i in fixes:
        s = findings[i].suggestion
        assert s is not None
        if not (1 <= a <= b <= len(lines)) or (allowed is not None and any(n not in allowed for n in range(a, b + 1))):
            return None
        new = s.replacement.split("\n") if s.replacement else []
        if new == lines[a - 1:b]:
            return None
        out_lines += lines[at - 1:a - 1]
        spans[i] = range(len(out_lines) + 1, len(out_lines) + 1 + max(len(new), 1))
        out_lines += new
        at = b + 1
    out_lines += lines[at - 1:]
    fixed = "\n".join(out_lines)
    if _parses(path, fixed):
        return None
    if pattern:
        old = before if before is not None else _signature(pattern, text)
        matches = rules_match.match_text(fixed, pattern)
        if signature(matches) - old:
            return None
        for i, span in spans.items():
            if any(m.rule.id == findings[i].rule and m.line in span for m in matches):
                return None
    return list(findings)


def _unparsed(findings: Sequence[Finding]) -> list[Finding]:
    return [replace(f, suggestion=None, fix_withheld=UNPARSED) if f.suggestion is not None else f for f in findings]


def withhold_unverified(path: str, text: str, findings: Sequence[Finding], rules: Sequence[Rule],
                        allowed: Optional[Iterable[int]] = None, test_file: bool = False,
                        before: Optional[Counter[tuple[str, str]]] = None,
                        broken: bool = False) -> list[Finding]:
    """`findings` with every fix that fails `check` removed and the reason kept in `fix_withheld`.

    `broken`: the caller's own parse already showed that the file does not parse
    (`rules.match.surely_broken`); no fix can then be checked, and CPython is not asked.

    For a Python file each fix is checked against the top-level statement
    region(s) it touches, with the file's top-level imports before them (rules
    resolve names through imports), rather than the whole file: a file dense
    with fixes costs time linear in its size, not fixes x size. A fix changes
    only its region; the rest of the file parses and matches as before. (A rule
    whose match depends on another top-level statement than an import is not
    re-checked across regions.) Other files, and a region that does not parse
    on its own, are checked whole.
    """
    if not any(f.suggestion is not None for f in findings):
        return list(findings)
    if test_file:
        return [replace(f, suggestion=None, fix_withheld=TEST_FILE) if f.suggestion is not None else f
                for f in findings]
    allowed_set = None if allowed is None else frozenset(allowed)
    pattern = [r for r in rules if r.matcher is not None]
    if broken:
        return _unparsed(findings)
    # Most files pass whole: every fix applied, one parse, one match; the file as it is need not
    # be parsed at all then.
    together = _all_at_once(path, text, findings, pattern, allowed_set, before)
    if together is not None:
        return together
    found = _regions(path, text)
    if found is None and path.endswith((".py", ".pyi")):
        # The file does not parse as it is (a work in progress, a cut-off sample): no fix can be
        # shown to keep it parsing, and parsing it again for each fix would cost fixes x size.
        return _unparsed(findings)
    lines = text.split("\n")
    whole: Optional[Counter[tuple[str, str]]] = None
    cached: dict[tuple[int, int], tuple[str, int, Optional[Counter[tuple[str, str]]]]] = {}
    out: list[Finding] = []
    for f in findings:
        s = f.suggestion
        verdict: Optional[Verdict] = None
        if s is not None and found is not None and 1 <= s.start_line <= s.end_line <= len(lines):
            starts, imports = found
            first = starts[max(bisect.bisect_right(starts, s.start_line) - 1, 0)]
            after = bisect.bisect_right(starts, s.end_line)
            last = starts[after] - 1 if after < len(starts) else len(lines)
            key = (first, last)
            if key not in cached:
                header = [line for a, b in imports if b < first for line in lines[a - 1:b]]
                region = "\n".join(header + lines[first - 1:last])
                ok = _parses(path, region) is None
                offset = first - 1 - len(header)  # file line = region line + offset
                cached[key] = (region, offset, (_signature(pattern, region) if pattern else Counter()) if ok else None)
            region, offset, region_before = cached[key]
            if region_before is not None:
                shifted = None if allowed_set is None else frozenset(
                    n - offset for n in range(first, last + 1) if n in allowed_set)
                verdict = check(path, region, _shift(f, offset), pattern, shifted, region_before)
        if verdict is None:
            if whole is None:
                whole = before if before is not None else (_signature(pattern, text) if pattern else Counter())
            verdict = check(path, text, f, pattern, allowed_set, whole)
        out.append(f if verdict.ok else replace(f, suggestion=None, fix_withheld=verdict.reason))
    return out
