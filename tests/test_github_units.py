"""The GitHub pieces on their own: anchors, comment bodies, the review plan, the event file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.errors import UsageError
from reviewer.github import comments, event
from reviewer.github.anchors import Anchor, FileDiff, anchor, parse_patch
from reviewer.github.review import Existing, make_plan
from reviewer.records import Finding, Severity, Suggestion

PATCH = (
    "@@ -1,4 +1,5 @@\n"
    " a\n"        # 1
    "-b\n"
    "+B\n"        # 2
    "+B2\n"       # 3
    " c\n"        # 4
    " d\n"        # 5
    "@@ -20,2 +21,3 @@ def f():\n"
    " x\n"        # 21
    "+y\n"        # 22
    " z\n"        # 23
    "\\ No newline at end of file\n"
)


def f(line: int, end: int | None = None, sugg: tuple[int, int] | None = None, rule: str = "r/x",
      severity: Severity = Severity.WARNING, path: str = "a.py") -> Finding:
    s = Suggestion(path, sugg[0], sugg[1], "new\n") if sugg else None
    return Finding(rule, "p", path, line, end or line, severity, "msg", snippet=f"{rule}{line}", suggestion=s)


def test_parse_patch_right_side_lines_per_hunk() -> None:
    fd = parse_patch("a.py", PATCH)
    assert fd.hunks == (frozenset({1, 2, 3, 4, 5}), frozenset({21, 22, 23}))


@pytest.mark.parametrize("finding, expected", [
    (f(2), Anchor(2)),
    (f(2, 4), Anchor(4, 2)),                       # a range inside one hunk
    (f(5, 21), Anchor(5)),                         # spans two hunks: the first line only
    (f(10, 22), Anchor(21)),                       # starts outside: the first line that is inside
    (f(10), None),                                 # between hunks
    (f(2, sugg=(2, 3)), Anchor(3, 2, suggestion=True)),
    (f(22, sugg=(22, 22)), Anchor(22, None, suggestion=True)),
    (f(5, sugg=(5, 21)), Anchor(5)),               # the suggestion crosses hunks: no one-click block
])
def test_anchor(finding: Finding, expected: Anchor | None) -> None:
    assert anchor(finding, {"a.py": parse_patch("a.py", PATCH)}) == expected


def test_anchor_unknown_file_and_payload() -> None:
    assert anchor(f(2, path="b.py"), {"a.py": FileDiff("a.py", ())}) is None
    assert Anchor(4, 2).payload() == {"line": 4, "side": "RIGHT", "start_line": 2, "start_side": "RIGHT"}


def test_suggestion_fence_is_longer_than_any_backtick_run() -> None:
    assert comments.suggestion_block("x = 1\n") == "```suggestion\nx = 1\n```"
    assert comments.suggestion_block("s = '`````'\n") == "``````suggestion\ns = '`````'\n``````"
    assert comments.suggestion_block("") == "```suggestion\n```"  # an empty block deletes the lines


def test_markers_round_trip() -> None:
    body = comments.inline_body(f(2, sugg=(2, 2)), as_suggestion=True)
    assert comments.fingerprints(body) == [f(2).fingerprint]
    assert comments.fingerprints("no marker") == []


def test_truncate_keeps_limit_and_closes_open_fence() -> None:
    body = "head\n```suggestion\n" + "x\n" * 40_000
    out = comments.truncate(body)
    assert len(out) <= comments.MAX_BODY
    assert "(truncated: the body exceeded GitHub's 65,536-character limit" in out
    assert out.split("\n…(truncated")[0].rstrip().endswith("```")
    assert comments.truncate("short") == "short"


def test_plan_caps_dedups_and_finds_stale() -> None:
    diffs = {"a.py": parse_patch("a.py", PATCH)}
    findings = [f(2, rule="r/a"), f(3, rule="r/b", severity=Severity.ERROR), f(22, rule="r/c"), f(10, rule="r/d")]
    old_fp = f(4, rule="r/gone").fingerprint
    existing = [
        Existing(1, "a.py", comments.marker(findings[0].fingerprint)),     # already posted
        Existing(2, "a.py", comments.marker(old_fp)),                      # stale
        Existing(3, "a.py", comments.marker(f(5, rule="r/gone2").fingerprint)),  # stale but replied to
        Existing(4, "a.py", "a human reply", in_reply_to=3),
        Existing(5, "a.py", "a human comment"),                             # not ours
    ]
    plan = make_plan(findings, diffs, existing, set(), max_comments=1)
    assert [i.finding.rule for i in plan.inline] == ["r/b"]  # errors first
    assert [(x.finding.rule, x.reason) for x in plan.body] == [("r/d", "outside the diff hunks"),
                                                              ("r/c", "over the inline comment cap of 1")]
    assert [x.rule for x in plan.already] == ["r/a"]
    assert [e.id for e in plan.stale] == [2]
    assert plan.event == "COMMENT"
    again = make_plan(findings, diffs, existing, {x.key for x in plan.body}, max_comments=1,
                      request_changes=True)
    assert again.body == [] and again.event == "REQUEST_CHANGES"


def test_one_rule_repeated_in_a_file_is_said_per_rule_times_and_the_rest_listed() -> None:
    diffs = {"a.py": parse_patch("a.py", PATCH), "b.py": parse_patch("b.py", PATCH.replace("a.py", "b.py"))}
    lines = (1, 2, 3, 4, 5, 21, 22)
    same = [f(n, rule="r/none") for n in lines]
    other = [f(23, rule="r/other"), f(2, rule="r/none", path="b.py")]
    plan = make_plan(same + other, diffs, [], set(), max_comments=30, per_rule=2)
    assert [(i.finding.path, i.finding.line, i.finding.rule) for i in plan.inline] == [
        ("a.py", 1, "r/none"), ("a.py", 2, "r/none"), ("a.py", 23, "r/other"), ("b.py", 2, "r/none")]
    assert [i.more for i in plan.inline] == [0, 5, 0, 0]  # the rule's last inline comment counts the rest
    assert [(x.finding.line, x.reason) for x in plan.body] == [
        (n, "the rule has 2 inline comment(s) in this file already") for n in (3, 4, 5, 21, 22)]
    body = plan.inline[1].payload()["body"]
    assert "The same in 5 more place(s) of this file" in body and "more place" not in plan.inline[0].payload()["body"]
    # 0 is no limit: each finding gets its comment.
    assert len(make_plan(same, diffs, [], set(), max_comments=30, per_rule=0).inline) == len(lines)
    # Comments an earlier run posted count: with two already there, the new ones go to the body.
    posted = [Existing(n, "a.py", i.payload()["body"]) for n, i in enumerate(plan.inline[:2])]  # type: ignore[arg-type]
    later = make_plan(same, diffs, posted, set(), max_comments=30, per_rule=2)
    assert later.inline == [] and len(later.already) == 2 and len(later.body) == 5


def test_identical_code_twice_in_a_file_gets_two_comments() -> None:
    diffs = {"a.py": parse_patch("a.py", PATCH)}
    twin = [Finding("r/x", "p", "a.py", n, n, Severity.ERROR, "m", snippet="same()") for n in (2, 22)]
    assert twin[0].fingerprint == twin[1].fingerprint  # the line number is not part of it
    plan = make_plan(twin, diffs, [], set(), max_comments=30)
    assert [(i.anchor.line, i.key) for i in plan.inline] == [(2, twin[0].fingerprint), (22, twin[0].fingerprint + "-2")]
    posted = [Existing(n, "a.py", i.payload()["body"]) for n, i in enumerate(plan.inline)]  # type: ignore[arg-type]
    assert make_plan(twin, diffs, posted, set(), max_comments=30).already == twin
    # One of the two goes away: the "-2" comment is the stale one, the first stays.
    assert [e.fingerprint for e in make_plan(twin[:1], diffs, posted, set(), 30).stale] == [twin[0].fingerprint + "-2"]


def _event(tmp_path: Path, payload: object) -> Path:
    p = tmp_path / "event.json"
    p.write_text(json.dumps(payload))
    return p


def test_event_pull_request_from_a_fork(tmp_path: Path) -> None:
    pr = {"number": 3, "base": {"sha": "b" * 40, "ref": "main", "repo": {"full_name": "o/r"}},
          "head": {"sha": "h" * 40, "ref": "x", "repo": {"full_name": "someone/r"}}}
    ev = event.load(_event(tmp_path, {"pull_request": pr}), "pull_request_target", "o/r")
    assert (ev.number, ev.base_sha, ev.head_sha, ev.fork, ev.review_only) == (3, "b" * 40, "h" * 40, True, True)


def test_event_push_and_dispatch(tmp_path: Path) -> None:
    push = event.load(_event(tmp_path, {"before": event.ZERO_SHA, "after": "a" * 40}), None, "o/r")
    assert (push.name, push.base_sha, push.is_pull_request) == ("push", None, False)
    dispatch = event.load(_event(tmp_path, {"inputs": {"base": "develop"}}), "workflow_dispatch", "o/r")
    assert event.diff_mode(dispatch, tmp_path).base == "develop"


@pytest.mark.parametrize("payload, name, message", [
    ({"x": 1}, "issues", "event 'issues' is not supported"),
    ({"pull_request": {"number": 1}}, "pull_request", "has no number, base.sha or head.sha"),
    ([1, 2], None, "does not hold a JSON object"),
])
def test_event_errors(tmp_path: Path, payload: object, name: str | None, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        event.load(_event(tmp_path, payload), name, "o/r")


def test_event_file_not_json(tmp_path: Path) -> None:
    p = tmp_path / "e.json"
    p.write_text("{nope")
    with pytest.raises(UsageError, match="is not JSON"):
        event.load(p, None, "o/r")


def test_an_over_long_suggestion_is_left_out_not_cut() -> None:
    big = Finding("r/x", "p", "a.py", 2, 2, Severity.ERROR, "msg", snippet="s",
                  suggestion=Suggestion("a.py", 2, 2, "x = 1\n" * 20_000))
    body = comments.inline_body(big, as_suggestion=True)
    assert len(body) <= comments.MAX_BODY
    assert "```suggestion" not in body and "too long for a comment" in body
    assert body.endswith(comments.marker(big.fingerprint))
    long_message = Finding("r/x", "p", "a.py", 2, 2, Severity.ERROR, "m" * 70_000, snippet="s")
    body = comments.inline_body(long_message, as_suggestion=False)
    assert len(body) <= comments.MAX_BODY and "(truncated" in body
    assert comments.fingerprints(body) == [long_message.fingerprint]
