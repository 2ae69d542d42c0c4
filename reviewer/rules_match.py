"""Structural matching with ast-grep (`ast-grep-py`): one parse per file, every rule on that tree.

ast-grep's Python binding applies edits but does not expand a fix template's
meta-variables, so `expand` does that (`$NAME` and `$$$NAME`, as ast-grep's
`fix:` defines them) before `commit_edits`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional

from reviewer.records import Rule, Suggestion

if TYPE_CHECKING:
    from ast_grep_py import SgNode

_METAVAR = re.compile(r"\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)")


@dataclass(frozen=True)
class Match:
    """One place a rule's ast-grep matcher matched; lines and columns are 1-based."""

    rule: Rule
    line: int
    end_line: int
    column: int
    start: int  # character offsets into the source
    end: int
    text: str
    fixed: Optional[str]  # the matched text rewritten by the rule's fix, if it has one


def check(config: Mapping[str, Any], language: str = "python") -> Optional[str]:
    """Compile an ast-grep config against an empty tree; the error text if it does not compile."""
    from ast_grep_py import SgRoot

    try:
        SgRoot("", language).root().find_all(dict(config))  # type: ignore[arg-type]
    except BaseException as exc:  # noqa: BLE001 - the binding raises bare Exception/RuntimeError/pyo3 panics
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return _first_lines(str(exc))
    return None


def _first_lines(message: str) -> str:
    """ast-grep errors carry a 'Caused by' chain and a Rust backtrace; keep the causes only."""
    keep: list[str] = []
    for raw in message.splitlines():
        line = raw.strip()
        if line.startswith("Stack backtrace"):
            break
        if not line or line == "Caused by:":
            continue
        keep.append(re.sub(r"^\d+:\s*", "", line))
    return "; ".join(keep) or "invalid rule"


def expand(template: str, node: "SgNode", source: str) -> str:
    """Fill a fix template's meta-variables from a match (`source` is the whole file's text)."""

    def one(m: re.Match[str]) -> str:
        if m.group(1):
            nodes = node.get_multiple_matches(m.group(1))
            if not nodes:
                return ""
            return source[nodes[0].range().start.index:nodes[-1].range().end.index]
        name = m.group(2)
        hit = node.get_match(name)
        if hit is not None:
            return hit.text()
        return node.get_transformed(name) or ""

    return _METAVAR.sub(one, template)


def match_tree(root: "SgNode", rules: Iterable[Rule]) -> list[Match]:
    """Run every pattern rule over one parsed tree."""
    out: list[Match] = []
    source: Optional[str] = None
    for rule in rules:
        if rule.matcher is None:
            continue
        for node in root.find_all(dict(rule.matcher)):  # type: ignore[arg-type]
            rng = node.range()
            fixed = None
            if rule.fix is not None:
                source = root.text() if source is None else source
                fixed = expand(rule.fix, node, source)
            out.append(Match(rule, rng.start.line + 1, rng.end.line + 1, rng.start.column + 1,
                             rng.start.index, rng.end.index, node.text(), fixed))
    return out


def parse(text: str, language: str = "python") -> "SgNode":
    from ast_grep_py import SgRoot

    return SgRoot(text, language).root()


_REQUIREMENTS: dict[int, Any] = {}


def may_match(rule: Rule, text: str) -> bool:
    """Cheap text pre-filter (see rules_prefilter): False only when the rule cannot match."""
    from reviewer import rules_prefilter

    if rule.matcher is None:
        return False
    key = id(rule.matcher)
    if key not in _REQUIREMENTS:
        _REQUIREMENTS[key] = (rule.matcher, rules_prefilter.for_matcher(rule.matcher))
    return rules_prefilter.holds(_REQUIREMENTS[key][1], text)


def match_text(text: str, rules: Iterable[Rule], language: str = "python") -> list[Match]:
    """Parse `text` once and run every rule that may match on that tree (none: no parse at all)."""
    live = [r for r in rules if may_match(r, text)]
    if not live:
        return []
    return match_tree(parse(text, language), live)


def suggestion(path: str, text: str, m: Match) -> Optional[Suggestion]:
    """Whole-line replacement for a match's lines, as a committable suggestion."""
    if m.fixed is None:
        return None
    line_start = text.rfind("\n", 0, m.start) + 1
    nl = text.find("\n", m.end)
    line_end = len(text) if nl < 0 else nl
    replacement = text[line_start:m.start] + m.fixed + text[m.end:line_end]
    return Suggestion(path, m.line, m.end_line, replacement)


def apply_fixes(text: str, matches: Iterable[Match]) -> str:
    """Apply every fix once, skipping any that overlaps one already applied (like `ast-grep -U`)."""
    chosen: list[Match] = []
    last_end = -1
    for m in sorted((m for m in matches if m.fixed is not None), key=lambda m: (m.start, -m.end)):
        if m.start >= last_end:
            chosen.append(m)
            last_end = m.end
    out = text
    for m in reversed(chosen):
        out = out[:m.start] + (m.fixed or "") + out[m.end:]
    return out
