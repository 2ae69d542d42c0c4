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
and the JSON report carries that reason.
"""

from __future__ import annotations

import ast
import warnings
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Optional, Sequence

from reviewer.records import Finding, Rule, Suggestion


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

    return Counter((m.rule.id, " ".join(m.text.split())) for m in rules_match.match_text(text, rules))


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
    old = before if before is not None else _signature(pattern, text)
    new = _signature(pattern, fixed)
    own = [r for r in pattern if r.id == finding.rule]
    if own:
        from reviewer.rules import match as rules_match

        span = range(s.start_line, s.start_line + max(len(s.replacement.split("\n")) if s.replacement else 0, 1))
        if any(m.line in span for m in rules_match.match_text(fixed, own)):
            return Verdict(False, f"{finding.rule} still matches after the fix")
    added = new - old
    if added:
        rule_id, _text = sorted(added)[0]
        return Verdict(False, f"the fix makes {rule_id} fire")
    return OK


def withhold_unverified(path: str, text: str, findings: Sequence[Finding], rules: Sequence[Rule],
                        allowed: Optional[Iterable[int]] = None) -> list[Finding]:
    """`findings` with every fix that fails `check` removed and the reason kept in `fix_withheld`."""
    if not any(f.suggestion is not None for f in findings):
        return list(findings)
    allowed_set = None if allowed is None else frozenset(allowed)
    pattern = [r for r in rules if r.matcher is not None]
    before = _signature(pattern, text) if pattern else Counter()
    out: list[Finding] = []
    for f in findings:
        verdict = check(path, text, f, pattern, allowed_set, before)
        out.append(f if verdict.ok else replace(f, suggestion=None, fix_withheld=verdict.reason))
    return out
