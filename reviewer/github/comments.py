"""Comment bodies: the finding, an optional ```suggestion block, and a hidden fingerprint marker.

Rule ids and paths are code spans, messages inert prose, code blocks fenced
longer than any backtick run in them (reviewer.escape): a model's message
cannot open a link, an image, an HTML tag, a mention, or close a block.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Optional

from reviewer.escape import code_block, code_span, prose
from reviewer.escape import fence as _fence

if TYPE_CHECKING:
    from reviewer.records import Finding

MAX_BODY = 65_536  # GitHub's limit on comment and review bodies
SUMMARY_MARKER = "<!-- reviewer:summary -->"
_FP = re.compile(r"<!-- reviewer:fp=([0-9A-Za-z_-]+) -->")
_SEVERITY = {"error": "🔴 **error**", "warning": "🟠 **warning**", "info": "🔵 **info**"}


def marker(fingerprint: str) -> str:
    return f"<!-- reviewer:fp={fingerprint} -->"


def fingerprints(body: Optional[str]) -> list[str]:
    """Fingerprints hidden in a comment or review body by this tool."""
    return _FP.findall(body or "")


def fence(text: str) -> str:
    """A backtick fence longer than any backtick run in `text` (so the block cannot close early)."""
    return _fence(text)


def suggestion_block(replacement: str) -> str:
    """A GitHub suggestion replacing the comment's lines (kept exactly); an empty block deletes them."""
    return code_block(replacement, "suggestion")


def headline(f: "Finding") -> str:
    conf = f" (confidence {f.confidence:.2f})" if f.source.value != "rule" else ""
    return f"{_SEVERITY[str(f.severity)]} {code_span(f.rule)}: {prose(f.message)}{conf}"


def inline_body(f: "Finding", as_suggestion: bool, key: Optional[str] = None, limit: int = MAX_BODY,
                more: int = 0) -> str:
    """The body of an inline comment; the suggestion becomes a one-click ```suggestion when anchored on its lines.

    Never truncates a suggestion (committing half a replacement would break the code): over GitHub's
    limit, the fix is left out with a note, and the marker always stays at the end. `more`: how many
    findings of the same rule in this file the review body lists instead of commenting on each.
    """
    tail = marker(key or f.fingerprint)
    parts = [headline(f)]
    s = f.suggestion
    if s is not None:
        parts.append(suggestion_block(s.replacement) if as_suggestion else _replacement_note(f))
    if more > 0:
        parts.append(f"_The same in {more} more place(s) of this file: listed in the review body._")
    body = "\n\n".join([*parts, tail])
    if len(body) <= limit:
        return body
    note = "(the suggested fix is too long for a comment: see the SARIF or JSON output)" if s is not None else ""
    head = truncate(headline(f), limit - len(note) - len(tail) - 8)
    return "\n\n".join(p for p in (head, note, tail) if p)


def _replacement_note(f: "Finding") -> str:
    s = f.suggestion
    assert s is not None
    text = s.replacement.rstrip("\n")
    span = f"line {s.start_line}" if s.end_line <= s.start_line else f"lines {s.start_line}-{s.end_line}"
    return f"Suggested replacement for {span}:\n\n{code_block(text)}" if text else f"Suggested fix: delete {span}."


def body_item(f: "Finding", reason: str, key: Optional[str] = None) -> str:
    """One finding listed in the review body (with its marker, so re-runs do not repeat it)."""
    where = f"{f.path}:{f.line}" + (f"-{f.end_line}" if f.end_line > f.line else "")
    item = f"- {code_span(where)} {headline(f)} _({reason})_ {marker(key or f.fingerprint)}"
    if f.suggestion is not None:
        note = "\n".join(("  " + ln) if ln else "" for ln in _replacement_note(f).splitlines())
        item += "\n\n" + note
    return item


def truncate(body: str, limit: int = MAX_BODY) -> str:
    """Cut a body to GitHub's limit, saying so, without leaving an open code fence behind."""
    if len(body) <= limit:
        return body
    note = "\n\n…(truncated: the body exceeded GitHub's 65,536-character limit; the job summary and SARIF have everything)"
    cut = body[: limit - len(note) - 16]
    cut = cut[: cut.rfind("\n")] if "\n" in cut else cut
    # Close a fence left open by the cut, so the note is not swallowed by a code block.
    open_fence = _open_fence(cut.splitlines())
    if open_fence:
        cut += "\n" + open_fence
    return cut + note


def _open_fence(lines: Iterable[str]) -> Optional[str]:
    current: Optional[str] = None
    for line in lines:
        m = re.match(r"^\s*(`{3,})", line)
        if not m:
            continue
        if current is None:
            current = m.group(1)
        elif m.group(1).startswith(current) and line.strip() == m.group(1):
            current = None
    return current
