"""Inline suppressions: `# reviewer: ignore[ID, ...]` and `# reviewer: ignore-file[ID, ...]`,
and the ecosystem's `# noqa` / `# nosec`.

A line suppression covers findings that start on its own line or on the line
after it. An ID is a rule id (`python-crypto/weak-hash`) or a pack name
(`python-crypto`). Suppressions that suppressed nothing are reported, like
ruff's RUF100, as `reviewer/unused-suppression`.

`# noqa: S501` (ruff/flake8 codes) and `# nosec B501` (bandit ids or test names)
suppress the rules `reviewer.rules.codes` maps those codes to; a bare `# noqa` or
`# nosec` suppresses every rule. Like ruff and bandit, they cover findings whose
lines include the comment's line. They count as suppressions in the report, and
are never reported as unused (they belong to the other tools too). pylint's
`# pylint: disable=dangerous-default-value` (ids or names) counts the same way on
the line it ends, and `# pylint: disable-next=...` on the line after it; a
`disable` comment on a line of its own (pylint: to the end of the block) is not
read, so that nothing is hidden that pylint would report; `# pylint: skip-file` (or its older
spelling `disable-all`) suppresses every rule in the whole file, as pylint then skips it, and as
`# flake8: noqa` does. ruff's own comments
(ruff 0.15) count the same way, with ruff codes or rule names: `# ruff: ignore[S501]`
at the end of a line (that line) or on a line of its own (the next line of code),
`# ruff: file-ignore[...]` (the whole file), and `# ruff: disable[...]` ...
`# ruff: enable[...]` (the lines between; without its `enable`, to the end of the
block the `disable` is in). CodeQL's query ids count too: LGTM.com's `# lgtm[py/test-equals-none]` on its
line (a comment that is only `# lgtm`: every rule), and GitHub code scanning's `# codeql[py/...]` on the line
it ends or, standing alone, the next line.
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
_NOQA = re.compile(r"#\s*noqa(?::\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?", re.IGNORECASE)
# File-level: `# flake8: noqa` skips the whole file (flake8), `# ruff: noqa` too, and
# `# ruff: noqa: E722` skips those codes in the whole file (ruff reads both spellings).
_FILE_NOQA = re.compile(r"#\s*(?:ruff|flake8)\s*:\s*noqa(?::\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?",
                        re.IGNORECASE)
_NOSEC = re.compile(r"#\s*nosec\b:?[ \t]*([A-Za-z0-9_]+(?:[ \t]*,[ \t]*[A-Za-z0-9_]+)*)?", re.IGNORECASE)
_PYLINT = re.compile(r"#\s*pylint\s*:\s*disable(-next)?\s*=\s*([A-Za-z0-9_\-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_\-]+)*)")
# pylint's `# pylint: skip-file` (and `disable-all`, its older spelling) leaves the whole module out of linting
_PYLINT_SKIP = re.compile(r"#\s*pylint\s*:\s*(?:skip-file|disable-all)\b")
# ruff 0.15's own comments (case-sensitive `ruff:`): `ignore[...]` at the end of a line (that line) or on a
# line of its own (the next line of code), `file-ignore[...]` (the file), `disable[...]` ... `enable[...]` (a range)
_RUFF = re.compile(r"#\s*ruff\s*:\s*(ignore|file-ignore|disable|enable)\[([^\]]*)\]")
_CODE = re.compile(r"[A-Za-z0-9_]+")
ALL = "*"  # the id of a bare `# noqa` / `# nosec`: every rule


@dataclass
class Suppression:
    line: int
    ids: tuple[str, ...]
    whole_file: bool
    used: set[str] = field(default_factory=set)
    tool: str = "reviewer"  # reviewer | noqa | nosec | pylint | ruff | codeql | project (the project's linter configuration)
    source: str = ""  # for tool "project": the configuration entry, e.g. "setup.cfg [flake8] ignore: E722"
    hits: int = 0  # findings it suppressed
    until: int = 0  # a range (ruff's `disable` ... `enable`, or an own-line `ignore`): findings starting in line..until

    def covers(self, f: Finding) -> str | None:
        """The id in this suppression that covers `f`, if any."""
        if self.tool != "reviewer" and self.whole_file:
            if ALL in self.ids:  # `# flake8: noqa`
                return ALL
        elif self.until:
            if not self.line <= f.line <= self.until:
                return None
        elif self.tool != "reviewer":
            if not f.line <= self.line <= max(f.line, f.end_line):
                return None
            if ALL in self.ids:
                return ALL
        elif not self.whole_file and f.line not in (self.line, self.line + 1):
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
    python = path.endswith((".py", ".pyi"))
    ours = "reviewer:" in text
    theirs = python and ("noqa" in text or "nosec" in text or "NOQA" in text or "NOSEC" in text or "pylint:" in text
                         or "ruff:" in text or "lgtm" in text or "codeql[" in text)
    if not ours and not theirs:  # the common case: no tokenizing at all
        return []
    out = []
    if python:
        comments = _comments(text)
    else:
        comments = [(n, line) for n, line in enumerate(git_lines(text), 1) if "reviewer:" in line]
    lines = git_lines(text) if theirs and ("pylint:" in text or "ruff:" in text or "codeql[" in text) else []
    code_lines = _code_lines(lines)
    if theirs and "ruff:" in text:
        out += _ruff(lines, comments, code_lines)
    for line, comment in comments:
        for m in _COMMENT.finditer(comment):
            ids = tuple(i.strip() for i in m.group(2).split(",") if i.strip())
            out.append(Suppression(line, ids, m.group(1) == "ignore-file"))
        if theirs:
            out += _ecosystem(line, comment)
            out += _pylint(line, comment, line in code_lines)
            out += _codeql(line, comment, line in code_lines)
    return out


def _code_lines(lines: list[str]) -> set[int]:
    """Lines where a comment ends code (`x = f()  # ...`), as opposed to a comment on a line of its own."""
    return {n for n, raw in enumerate(lines, 1) if "#" in raw and raw.split("#", 1)[0].strip()}


def _pylint(line: int, comment: str, after_code: bool) -> list[Suppression]:
    """`# pylint: disable=...` ending a line of code (that line), `# pylint: disable-next=...` (the next line),
    `# pylint: skip-file` (the whole file)."""
    from reviewer.rules import codes

    out = []
    if _PYLINT_SKIP.search(comment):  # the team keeps this module out of linting (wifiphisher's copy of net-creds)
        out.append(Suppression(line, (ALL,), True, tool="pylint"))
    for m in _PYLINT.finditer(comment):
        ids = tuple(dict.fromkeys(r for code in m.group(2).split(",") for r in codes.rules_for("pylint", code.strip())))
        if not ids:
            continue
        if m.group(1):  # disable-next
            out.append(Suppression(line + 1, ids, False, tool="pylint"))
        elif after_code:
            out.append(Suppression(line, ids, False, tool="pylint"))
    return out


# LGTM.com's `# lgtm[py/test-equals-none]` (that line; a comment that is only `# lgtm`: every rule) and GitHub
# code scanning's `# codeql[py/...]` (the line it ends, or the next line when it stands alone)
_LGTM = re.compile(r"(?:^|[\s#])(lgtm|codeql)[ \t]*\[([^\]\n]*)\]", re.IGNORECASE)
_LGTM_BARE = re.compile(r"#[ \t]*lgtm[ \t]*$", re.IGNORECASE)


def _codeql(line: int, comment: str, after_code: bool) -> list[Suppression]:
    """`# lgtm[...]` / `# codeql[...]` with CodeQL query ids, mapped to our rule ids (reviewer.rules.codes)."""
    from reviewer.rules import codes

    if _LGTM_BARE.match(comment.strip()):
        return [Suppression(line, (ALL,), False, tool="codeql")]
    out = []
    for m in _LGTM.finditer(comment):
        ids = tuple(dict.fromkeys(r for q in m.group(2).split(",") for r in codes.rules_for("codeql", q)))
        if not ids:
            continue
        own_line = m.group(1).lower() == "codeql" and not after_code
        out.append(Suppression(line + 1 if own_line else line, ids, False, tool="codeql"))
    return out


def _ruff(lines: list[str], comments: list[tuple[int, str]], code_lines: set[int]) -> list[Suppression]:
    """ruff's `# ruff: ignore[...]`, `file-ignore[...]` and `disable[...]` ... `enable[...]` (codes or rule names)."""
    from reviewer.rules import codes

    def is_code(n: int) -> bool:
        raw = lines[n - 1].strip() if 0 < n <= len(lines) else ""
        return bool(raw) and not raw.startswith("#")

    def indent(n: int) -> int:
        raw = lines[n - 1]
        return len(raw) - len(raw.lstrip(" \t"))

    out: list[Suppression] = []
    opened: list[tuple[int, str, tuple[str, ...]]] = []  # (line, the comment's rule list as written, our ids)
    for line, comment in comments:
        for m in _RUFF.finditer(comment):
            kind, listed = m.group(1), [c.strip() for c in m.group(2).split(",") if c.strip()]
            ids = tuple(dict.fromkeys(r for code in listed for r in codes.rules_for("ruff", code)))
            if kind == "enable":
                for i in range(len(opened) - 1, -1, -1):  # ends the `disable` with the same list
                    if opened[i][1] == ",".join(listed):
                        start, _key, was = opened.pop(i)
                        if was:
                            out.append(Suppression(start, was, False, tool="ruff", until=line))
                        break
            elif kind == "disable":
                opened.append((line, ",".join(listed), ids))
            elif not ids:
                continue
            elif kind == "file-ignore":
                out.append(Suppression(line, ids, True, tool="ruff"))
            elif line in code_lines:  # at the end of a line of code: that line
                out.append(Suppression(line, ids, False, tool="ruff"))
            else:  # on a line of its own: the next line of code
                nxt = next((n for n in range(line + 1, len(lines) + 1) if is_code(n)), 0)
                if nxt:
                    out.append(Suppression(nxt, ids, False, tool="ruff", until=nxt))
    for start, _key, ids in opened:  # no `enable`: to the end of the block the comment is in (ruff's implicit range)
        if not ids:
            continue
        level = indent(start)
        end = next((n - 1 for n in range(start + 1, len(lines) + 1) if is_code(n) and indent(n) < level), len(lines))
        out.append(Suppression(start, ids, False, tool="ruff", until=end))
    return out


def _ecosystem(line: int, comment: str) -> list[Suppression]:
    """`# noqa[: codes]` and `# nosec [ids]` in one comment, as suppressions of our rule ids."""
    from reviewer.rules import codes

    out = []
    for m in _FILE_NOQA.finditer(comment):
        listed = _CODE.findall(m.group(1) or "")
        ids = (ALL,) if not listed else tuple(dict.fromkeys(r for code in listed for r in codes.rules_for("noqa", code)))
        if ids:
            out.append(Suppression(line, ids, True, tool="noqa"))
    comment = _FILE_NOQA.sub("", comment)
    for tool, rx in (("noqa", _NOQA), ("nosec", _NOSEC)):
        for m in rx.finditer(comment):
            listed = _CODE.findall(m.group(1) or "")
            if not listed:
                out.append(Suppression(line, (ALL,), False, tool=tool))
                continue
            ids = tuple(dict.fromkeys(r for code in listed for r in codes.rules_for(tool, code)))
            if ids:
                out.append(Suppression(line, ids, False, tool=tool))
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
                s.hits += 1
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
        if s.tool != "reviewer":
            continue
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
