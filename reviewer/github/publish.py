"""Post a Result to a pull request: one review, the summary comment, stale comments removed.

Failures never lose a finding: a read-only token (403/404, as on fork pull
requests) falls back to annotations and the job summary; a 422 on the batch
moves the inline comments into the review body and posts again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional

from reviewer.github import anchors, comments
from reviewer.records import Suggestion
from reviewer.github.client import ApiError, Client
from reviewer.github.review import Plan, make_plan, review_body
from reviewer.report import markdown

if TYPE_CHECKING:
    from reviewer.config import Config
    from reviewer.github.event import Event
    from reviewer.github.incremental import Scope, State
    from reviewer.pipeline import Result
    from reviewer.records import Finding


@dataclass
class Outcome:
    """What happened on GitHub; `fallback` says why annotations are needed instead."""

    review_id: Optional[int] = None
    inline: int = 0
    in_body: int = 0
    already: int = 0
    deleted: int = 0
    summary: str = "none"  # created | updated | unchanged | none
    fallback: Optional[str] = None
    notes: list[str] = field(default_factory=list)


SECTION_MESSAGES = {"docstrings": "Add the missing docstring"}


def section_findings(result: "Result") -> list["Finding"]:
    """Suggestions that tasks put in their sections (docstrings) as findings, so they post as one-click blocks."""
    from reviewer.records import Finding, Severity

    out: list[Finding] = []
    for name, section in result.sections.items():
        suggestions = getattr(section, "suggestions", None)
        if callable(suggestions):
            suggestions = suggestions()
        if not isinstance(suggestions, (list, tuple)):
            continue
        for s in suggestions:
            if not isinstance(s, Suggestion):
                continue
            message = SECTION_MESSAGES.get(name, f"{name}: suggested change")
            out.append(Finding(f"{name}/suggestion", name, s.path, s.start_line, max(s.end_line, s.start_line),
                               Severity.INFO, message, snippet=s.replacement, suggestion=s))
    return out


def summary_comment(result: "Result", outcome_line: str, scope: Optional["Scope"] = None,
                    state: Optional["State"] = None) -> str:
    body = markdown.render_body(result)
    reviewed = f"\n{scope.describe()}\n" if scope is not None else ""
    # The state marker (the reviewed head, for the next run's incremental review) goes last, after any cut.
    tail = f"{state.marker()}\n" if state is not None else ""
    text = f"{comments.SUMMARY_MARKER}\n{body}{reviewed}\n<sub>{outcome_line}</sub>\n"
    return comments.truncate(text, comments.MAX_BODY - len(tail)) + tail


def publish(result: "Result", event: "Event", client: Client, config: "Config", failing: bool,
            status: Callable[[str], None] = lambda _m: None, scope: Optional["Scope"] = None) -> Outcome:
    """Post the review and the summary comment; returns what was done.

    With an incremental `scope` (only the commits since the last review), comments whose finding is not
    in this run are kept: their code was not looked at, so their absence says nothing.
    """
    from reviewer.github.incremental import INCREMENTAL, State

    assert event.number is not None and event.head_sha is not None
    outcome = Outcome()
    try:
        pull = client.pull(event.number)
        diffs = _diffs(client, pull, result, outcome)
        existing = client.review_comments(pull)
        body_fps = {fp for body in client.review_bodies(pull) for fp in comments.fingerprints(body)}
        findings = result.findings + section_findings(result)
        plan = make_plan(findings, diffs, existing, body_fps, config.github.max_comments,
                         request_changes=failing and config.github.request_changes,
                         per_rule=config.github.max_comments_per_rule)
        if scope is not None and scope.kind == INCREMENTAL:
            plan.stale = []
        _post_review(client, pull, event.head_sha, plan, len(findings), outcome, status)
        for stale in plan.stale:
            client.delete_review_comment(pull, stale.id)
            outcome.deleted += 1
        line = (f"Review: {outcome.inline} new inline comment(s), {outcome.in_body} in the review body, "
                f"{outcome.already} already posted, {outcome.deleted} outdated comment(s) removed.")
        state = State(event.head_sha, failing) if scope is not None else None
        body = summary_comment(result, line, scope, state)
        outcome.summary, _url = client.upsert_issue_comment(pull, comments.SUMMARY_MARKER, body)
    except ApiError as exc:
        if not exc.read_only:
            raise
        outcome.fallback = (f"GitHub answered {exc.status} ({exc.message}): the token cannot write to this "
                            "pull request (a fork's read-only token?); findings go to annotations and the job summary")
    return outcome


def _diffs(client: Client, pull: object, result: "Result", outcome: Outcome) -> dict[str, anchors.FileDiff]:
    try:
        api = anchors.from_api_files(client.files(pull))  # type: ignore[arg-type]
    except ApiError as exc:
        if exc.read_only:
            raise
        # Too large a diff for the API (406/422 above 300 files): the local diff has the same hunks.
        outcome.notes.append(f"could not list the pull request's files ({exc.status}); anchored on the local diff")
        return anchors.from_changeset(result.changes)
    # The API leaves out the patch of large files; the local diff (same base...head, -U3) has its hunks.
    local = anchors.from_changeset(result.changes)
    return {name: local[name] if not fd.hunks and name in local else fd for name, fd in api.items()}


def _post_review(client: Client, pull: object, head: str, plan: Plan, total: int, outcome: Outcome,
                 status: Callable[[str], None]) -> None:
    outcome.already = len(plan.already)
    if not plan.has_news:
        status("reviewer: nothing new to post on the pull request")
        return
    outcome.review_id = _create(client, pull, head, plan, total, outcome, status)
    outcome.inline = len(plan.inline)
    outcome.in_body = len(plan.body)


def _create(client: Client, pull: object, head: str, plan: Plan, total: int, outcome: Outcome,
            status: Callable[[str], None]) -> int:
    """POST the review; after a 422 try single-line anchors, then the body only. Every finding stays."""
    while True:
        try:
            return client.create_review(pull, head, review_body(plan, total), plan.event,  # type: ignore[arg-type]
                                        [i.payload() for i in plan.inline])
        except ApiError as exc:
            if exc.status != 422 or not plan.inline:
                raise
            if plan.collapse_ranges():
                what = "ranged comments anchored on their last line"
            else:
                plan.demote_inline()
                what = "inline comments moved to the review body"
            status(f"reviewer: GitHub rejected the review (422: {exc.message}); retrying with {what}")
            outcome.notes.append(f"422 from GitHub ({exc.message}): {what}")
