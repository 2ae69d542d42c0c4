"""Where an inline review comment may sit.

GitHub accepts a comment on the RIGHT side only on a line inside one of the
pull request's diff hunks (added or context), and a range only when both
ends are in the same hunk; anything else is a 422 that does not say which
comment was at fault. So every anchor is checked here, against the hunks of
the pull request's own diff, before anything is posted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping, Optional

if TYPE_CHECKING:
    from reviewer.records import ChangeSet, Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class FileDiff:
    """The new-side lines of each hunk of one file (added and context lines)."""

    path: str
    hunks: tuple[frozenset[int], ...]

    def hunk_of(self, line: int) -> Optional[int]:
        for i, lines in enumerate(self.hunks):
            if line in lines:
                return i
        return None


@dataclass(frozen=True)
class Anchor:
    line: int
    start_line: Optional[int] = None  # set for a range (start_line < line), same hunk
    suggestion: bool = False  # the range is exactly the suggestion's lines

    def payload(self) -> dict[str, object]:
        out: dict[str, object] = {"line": self.line, "side": "RIGHT"}
        if self.start_line is not None:
            out.update(start_line=self.start_line, start_side="RIGHT")
        return out


def parse_patch(path: str, patch: str) -> FileDiff:
    """A file's `patch` as the pull request files API returns it (hunks only, no headers)."""
    hunks: list[frozenset[int]] = []
    current: set[int] = set()
    line = 0
    in_hunk = False
    from reviewer.diff import git_lines  # lines as git splits them: only on \n

    for text in git_lines(patch):
        m = _HUNK.match(text)
        if m:
            if in_hunk:
                hunks.append(frozenset(current))
            current, line, in_hunk = set(), int(m.group(1)), True
            continue
        if not in_hunk or text.startswith("\\"):
            continue  # "\ No newline at end of file"
        if text.startswith("-"):
            continue
        current.add(line)  # "+" added or " " context: both on the RIGHT side
        line += 1
    if in_hunk:
        hunks.append(frozenset(current))
    return FileDiff(path, tuple(hunks))


def from_api_files(files: Iterable[tuple[str, Optional[str]]]) -> dict[str, FileDiff]:
    """(filename, patch) pairs; a file without a patch (binary, too large) has no anchors."""
    return {name: parse_patch(name, patch or "") for name, patch in files}


def from_changeset(changes: "ChangeSet") -> dict[str, FileDiff]:
    """The local diff's hunks, for when the API cannot list the pull request's files."""
    return {f.path: FileDiff(f.path, tuple(h.added | h.context for h in f.hunks)) for f in changes.files}


def anchor(finding: "Finding", diffs: Mapping[str, FileDiff]) -> Optional[Anchor]:
    """The anchor for a finding, or None when no line of it is inside a hunk."""
    fd = diffs.get(finding.path)
    if fd is None:
        return None
    s = finding.suggestion
    if s is not None and s.path == finding.path:
        a, b = s.start_line, max(s.end_line, s.start_line)
        first, last = fd.hunk_of(a), fd.hunk_of(b)
        if first is not None and first == last and all(n in fd.hunks[first] for n in range(a, b + 1)):
            return Anchor(b, a if a < b else None, suggestion=True)
    start, end = finding.line, max(finding.end_line, finding.line)
    first, last = fd.hunk_of(start), fd.hunk_of(end)
    if first is not None and first == last:
        return Anchor(end, start if start < end else None)
    for n in range(start, end + 1):
        if fd.hunk_of(n) is not None:
            return Anchor(n)
    return None
