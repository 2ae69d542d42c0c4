"""Inline suppressions: `# reviewer: ignore[ID, ...]` and `# reviewer: ignore-file[ID, ...]`.

A line suppression covers findings that start on its own line or on the line
after it. An ID is a rule id (`python-crypto/weak-hash`) or a pack name
(`python-crypto`). Suppressions that suppressed nothing are reported, like
ruff's RUF100, as `reviewer/unused-suppression`.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from reviewer.diff import git_lines
from reviewer.records import Finding, Rule, Severity

UNUSED_RULE = Rule(
    id="reviewer/unused-suppression", pack="reviewer", title="Unused suppression", severity=Severity.INFO,
    language="python", description="A `# reviewer: ignore[...]` comment that suppressed no finding.",
)
# `#` for Python; `//`, `/*`, `--` so that rules for other languages can be suppressed too.
_COMMENT = re.compile(r"(?:#|//|/\*|--)\s*reviewer:\s*(ignore-file|ignore)\[([^\]]*)\]")


@dataclass
class Suppression:
    line: int
    ids: tuple[str, ...]
    whole_file: bool
    used: set[str] = field(default_factory=set)

    def covers(self, f: Finding) -> str | None:
        """The id in this suppression that covers `f`, if any."""
        if not self.whole_file and f.line not in (self.line, self.line + 1):
            return None
        for i in self.ids:
            if i in (f.rule, f.pack):
                return i
        return None


def _comments(text: str) -> list[tuple[int, str]]:
    """(line, comment text) for every comment; tokenize so that strings never count."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        return [(t.start[0], t.string) for t in tokens if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        # Unfinished code still gets its suppressions, at the cost of strings that look like comments.
        return [(n, line[line.index("#"):]) for n, line in enumerate(git_lines(text), 1) if "#" in line]


def parse(text: str, path: str = "x.py") -> list[Suppression]:
    """Suppressions in a file: Python comments via tokenize, other languages line by line."""
    if "reviewer:" not in text:  # the common case: no tokenizing at all
        return []
    out = []
    if path.endswith((".py", ".pyi")):
        comments = _comments(text)
    else:
        comments = [(n, line) for n, line in enumerate(git_lines(text), 1) if "reviewer:" in line]
    for line, comment in comments:
        for m in _COMMENT.finditer(comment):
            ids = tuple(i.strip() for i in m.group(2).split(",") if i.strip())
            out.append(Suppression(line, ids, m.group(1) == "ignore-file"))
    return out


def split(findings: list[Finding], sups: list[Suppression]) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed); marks each suppression id that was used."""
    kept: list[Finding] = []
    dropped: list[Finding] = []
    for f in findings:
        hit = False
        for s in sups:
            used = s.covers(f)
            if used is not None:
                s.used.add(used)
                hit = True
        (dropped if hit else kept).append(f)
    return kept, dropped


def unused(path: str, sups: list[Suppression], checkable: set[str], known: set[str]) -> list[Finding]:
    """Findings for suppression ids that suppressed nothing.

    `checkable` holds the rule ids and packs that ran on this file with a
    deterministic answer (pattern rules); ids of rules that did not run (model
    rules, disabled rules) are not reported, because nothing proves them unused.
    """
    out = []
    for s in sups:
        for i in s.ids:
            if i in s.used:
                continue
            if i in checkable:
                why = f"`{i}` suppressed nothing here"
            elif i not in known:
                why = f"`{i}` names no known rule or pack"
            else:
                continue
            kind = "ignore-file" if s.whole_file else "ignore"
            out.append(Finding(UNUSED_RULE.id, UNUSED_RULE.pack, path, s.line, s.line, Severity.INFO,
                               f"unused suppression: {why}; remove it from `# reviewer: {kind}[...]`",
                               snippet=f"{kind}[{i}]"))
    return out
