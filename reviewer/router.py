"""Decide which findings are reported, and keep the reason for each.

Like reviewdog, nothing is dropped silently: every finding leaves as a
Routed record that says whether it is reported and why.
"""

from __future__ import annotations

from typing import Iterable

from reviewer.config import Config
from reviewer.records import ChangeSet, Finding, Routed, Severity, Why


class Scope:
    """Which new-side lines of each file pass a filter mode; built once per run.

    Each file's line set is computed once (not once per finding), so routing is
    linear in findings plus changed lines.
    """

    def __init__(self, changes: ChangeSet, mode: str) -> None:
        self.mode = mode
        self._lines: dict[str, frozenset[int]] = {}
        for change in changes.files:
            if change.path not in self._lines:  # first wins, like ChangeSet.get
                self._lines[change.path] = change.added_lines if mode == "added" else change.hunk_lines

    def __contains__(self, finding: Finding) -> bool:
        if self.mode == "nofilter":
            return True
        lines = self._lines.get(finding.path)
        if lines is None:
            return False
        if self.mode == "file":
            return True
        end = max(finding.line, finding.end_line)
        # A multi-line finding is reported if any of its lines passes.
        if end - finding.line > len(lines):
            return any(finding.line <= n <= end for n in lines)
        return any(n in lines for n in range(finding.line, end + 1))


def route(findings: Iterable[Finding], changes: ChangeSet, config: Config) -> list[Routed]:
    out: list[Routed] = []
    scope = Scope(changes, config.filter_mode)
    for f in findings:
        if f not in scope:
            out.append(Routed(f, False, Why.OUTSIDE_DIFF))
        elif f.confidence < config.model.min_confidence and f.source.value != "rule":
            out.append(Routed(f, False, Why.BELOW_CONFIDENCE))
        else:
            out.append(Routed(f, True, Why.REPORTED))
    return out


def fails(routed: Iterable[Routed], fail_level: str) -> bool:
    """True when a reported finding is at or above `fail_level`."""
    if fail_level == "none":
        return False
    threshold = Severity.parse(fail_level)
    return any(r.reported and r.finding.severity >= threshold for r in routed)
