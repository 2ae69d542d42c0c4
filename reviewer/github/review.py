"""Plan one pull request review: which findings go inline, which into the body, which are already there.

Pure: no API calls. Nothing is dropped: a finding is either a new inline
comment, a line in the review body (with the reason), or already posted by
an earlier run (same fingerprint).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

from reviewer.github import comments
from reviewer.github.anchors import Anchor, FileDiff, anchor
from reviewer.report.keys import occurrence_keys

if TYPE_CHECKING:
    from reviewer.records import Finding

OUTSIDE_HUNKS = "outside the diff hunks"
NOT_IN_DIFF = "file not in the pull request's diff"
OVER_CAP = "over the inline comment cap of {cap}"
REPEATED = "the rule has {cap} inline comment(s) in this file already"
REJECTED = "GitHub rejected the inline comment (422)"


@dataclass(frozen=True)
class Existing:
    """A review comment already on the pull request."""

    id: int
    path: str
    body: str
    in_reply_to: Optional[int] = None

    @property
    def fingerprint(self) -> Optional[str]:
        fps = comments.fingerprints(self.body)
        return fps[0] if fps else None


@dataclass(frozen=True)
class Inline:
    finding: "Finding"
    anchor: Anchor
    key: str  # the occurrence key carried in the hidden marker
    more: int = 0  # findings of the same rule in the same file listed in the review body instead

    def payload(self) -> dict[str, object]:
        body = comments.inline_body(self.finding, self.anchor.suggestion, self.key, more=self.more)
        return {"path": self.finding.path, "body": body, **self.anchor.payload()}


@dataclass(frozen=True)
class Listed:
    """A finding listed in the review body, and why it is not inline."""

    finding: "Finding"
    reason: str
    key: str


@dataclass
class Plan:
    inline: list[Inline] = field(default_factory=list)
    body: list[Listed] = field(default_factory=list)
    already: list["Finding"] = field(default_factory=list)
    stale: list[Existing] = field(default_factory=list)
    event: str = "COMMENT"

    @property
    def has_news(self) -> bool:
        return bool(self.inline or self.body)

    def collapse_ranges(self) -> bool:
        """After a 422: anchor ranged comments on their last line only (no suggestion block, which would
        replace just that line). Returns False when there was no range to collapse."""
        if not any(i.anchor.start_line is not None for i in self.inline):
            return False
        self.inline = [i if i.anchor.start_line is None else Inline(i.finding, Anchor(i.anchor.line), i.key, i.more)
                       for i in self.inline]
        return True

    def demote_inline(self) -> None:
        """After a 422 on the batch: every inline comment goes into the body instead."""
        self.body = [Listed(i.finding, REJECTED, i.key) for i in self.inline] + self.body
        self.inline = []


def _rank(f: "Finding") -> tuple[int, str, int]:
    return (-int(f.severity), f.path, f.line)


def make_plan(
    findings: Sequence["Finding"],
    diffs: Mapping[str, FileDiff],
    existing: Sequence[Existing],
    body_fingerprints: set[str],
    max_comments: int,
    request_changes: bool = False,
    per_rule: int = 0,
) -> Plan:
    """Decide where each finding goes. `body_fingerprints` are those already listed in earlier review bodies.

    `per_rule` (0: no limit) caps the inline comments of one rule in one file, counting those an earlier
    run posted: one pattern repeated down a file is said a few times, and the comment that says it
    last names how many more the review body lists.
    """
    plan = Plan(event="REQUEST_CHANGES" if request_changes else "COMMENT")
    posted = {(e.path, e.fingerprint) for e in existing if e.fingerprint}
    keyed = sorted(zip(findings, occurrence_keys(findings)), key=lambda fk: _rank(fk[0]))
    inline_count = Counter((f.path, f.rule) for f, key in keyed if (f.path, key) in posted)
    candidates: list[Inline] = []
    repeated: list[Listed] = []
    last: dict[tuple[str, str], int] = {}  # (path, rule) -> index in candidates of its last inline comment
    for f, key in keyed:
        if (f.path, key) in posted or key in body_fingerprints:
            plan.already.append(f)
            continue
        a = anchor(f, diffs)
        if a is None:
            plan.body.append(Listed(f, OUTSIDE_HUNKS if f.path in diffs else NOT_IN_DIFF, key))
        elif per_rule > 0 and inline_count[(f.path, f.rule)] >= per_rule:
            repeated.append(Listed(f, REPEATED.format(cap=per_rule), key))
            if (f.path, f.rule) in last:
                i = last[(f.path, f.rule)]
                candidates[i] = replace(candidates[i], more=candidates[i].more + 1)
        else:
            inline_count[(f.path, f.rule)] += 1
            last[(f.path, f.rule)] = len(candidates)
            candidates.append(Inline(f, a, key))
    cap = max(max_comments, 0)
    plan.inline = candidates[:cap]
    plan.body += [Listed(i.finding, OVER_CAP.format(cap=cap), i.key) for i in candidates[cap:]] + repeated
    current = {(f.path, key) for f, key in keyed}
    replied = {e.in_reply_to for e in existing if e.in_reply_to is not None}
    plan.stale = [e for e in existing
                  if e.fingerprint and e.in_reply_to is None and (e.path, e.fingerprint) not in current
                  and e.id not in replied]
    return plan


def review_body(plan: Plan, total: int, summary_url: Optional[str] = None) -> str:
    """The review's body: a one-line tally, then every finding that is not an inline comment."""
    lines = [f"**reviewer**: {total} finding(s) on this pull request; {len(plan.inline)} new inline comment(s)"
             + (f", {len(plan.already)} already posted" if plan.already else "") + "."]
    if summary_url:
        lines[0] += f" Summary: {summary_url}"
    if plan.body:
        lines += ["", "Findings not shown inline:", ""]
        lines += [comments.body_item(x.finding, x.reason, x.key) for x in plan.body]
    return comments.truncate("\n".join(lines) + "\n")
