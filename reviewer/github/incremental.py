"""Incremental pull request review: what to review on a push to an open pull request.

The summary comment carries a hidden state marker with the head it reviewed
and whether that review reached the fail level. On the next run:

- same head: nothing to review (no model call); the recorded verdict stands;
- the recorded head is an ancestor of the new head, with no merge commit in
  between, and the last review did not fail: only the new commits are
  reviewed (`last..head`);
- anything else (first run, force-push or rebase, a merge of the base branch,
  a failing last review, a head missing from the clone): the whole pull
  request, with the fingerprint dedup as always.

A failing last review is reviewed again in full so that fixing the finding
turns the check green, and so that pushing an unrelated commit on top of an
error cannot turn it green either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

_STATE = re.compile(r"<!-- reviewer:reviewed head=([0-9a-f]{7,64}) failing=([01]) -->")

FULL, INCREMENTAL, UNCHANGED = "full", "incremental", "unchanged"


@dataclass(frozen=True)
class State:
    """What the last run reviewed, read back from the summary comment."""

    head: str
    failing: bool

    def marker(self) -> str:
        return f"<!-- reviewer:reviewed head={self.head} failing={int(self.failing)} -->"


def read_state(body: Optional[str]) -> Optional[State]:
    """The state marker in a summary comment body (None when there is none)."""
    m = _STATE.search(body or "")
    return State(m.group(1), m.group(2) == "1") if m else None


@dataclass(frozen=True)
class Scope:
    """Which commits this run reviews, and why."""

    kind: str  # FULL | INCREMENTAL | UNCHANGED
    range: str  # the git range reviewed ("" when UNCHANGED)
    reason: str
    last: Optional[State] = None

    def describe(self) -> str:
        """The line the summary comment and the job summary show."""
        if self.kind == UNCHANGED:
            head = self.last.head if self.last else ""
            return f"No new commits since the last review of `{_short(head)}`: nothing reviewed, no model call."
        a, sep, b = self.range.partition("...") if "..." in self.range else self.range.partition("..")
        what = "only the commits since the last review" if self.kind == INCREMENTAL else "the whole pull request"
        return f"Reviewed {what}: `{_short(a)}{sep}{_short(b)}` ({self.reason})."


def _short(sha: str) -> str:
    return sha[:12]


def decide(start: Path, base: str, head: str, last: Optional[State]) -> Scope:
    """Choose what to review; `base...head` is the pull request's full range."""
    full = f"{base}...{head}"
    if last is None:
        return Scope(FULL, full, "no earlier review recorded")
    if last.head == head:
        return Scope(UNCHANGED, "", "same head commit", last)
    if last.failing:
        return Scope(FULL, full, "the last review reached the fail level, so everything is checked again", last)
    from reviewer.git import open_repo

    repo = open_repo(start)
    try:
        repo.git.rev_parse("--verify", "--quiet", last.head + "^{commit}")
    except Exception:  # noqa: BLE001 - GitCommandError; GitPython is imported lazily
        return Scope(FULL, full, f"the last reviewed head {_short(last.head)} is not in this clone "
                                 "(force-pushed away, or a shallow clone)", last)
    try:
        repo.git.merge_base("--is-ancestor", last.head, head)
    except Exception:  # noqa: BLE001 - exit 1: not an ancestor
        return Scope(FULL, full, f"force-push or rebase: {_short(last.head)} is not an ancestor of the head", last)
    if repo.git.rev_list("--merges", f"{last.head}..{head}").strip():
        return Scope(FULL, full, "merge commits since the last review", last)
    return Scope(INCREMENTAL, f"{last.head}..{head}", f"new commits on top of {_short(last.head)}", last)
