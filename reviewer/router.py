"""Decide which findings are reported, and keep the reason for each.

Like reviewdog, nothing is dropped silently: every finding leaves as a
Routed record that says whether it is reported and why.
"""

from __future__ import annotations

from typing import Iterable

from reviewer.config import Config
from reviewer.records import ChangeSet, Finding, Routed, Severity, Why


def in_scope(finding: Finding, changes: ChangeSet, mode: str) -> bool:
    """Whether a finding passes the filter mode (reviewdog's meanings)."""
    if mode == "nofilter":
        return True
    change = changes.get(finding.path)
    if change is None:
        return False
    if mode == "file":
        return True
    lines = change.added_lines if mode == "added" else change.hunk_lines
    end = max(finding.line, finding.end_line)
    # A multi-line finding is reported if any of its lines passes.
    return any(n in lines for n in range(finding.line, end + 1))


def route(findings: Iterable[Finding], changes: ChangeSet, config: Config) -> list[Routed]:
    out: list[Routed] = []
    for f in findings:
        if not in_scope(f, changes, config.filter_mode):
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
