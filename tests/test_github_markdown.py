"""What reviewer posts to GitHub cannot be hijacked by a file name or a model's message.

Every body is parsed with a CommonMark parser (markdown-it-py, tables on):
no link, image or HTML token may come from untrusted text (the only HTML is
this tool's own <details>/<summary>/<sub> and hidden markers), no text token
holds a live mention, issue reference, URL or e-mail address, every path and
rule id is one code span holding exactly its text, and suggestion blocks
round-trip byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from reviewer.github import comments, publish
from reviewer.github.review import make_plan, review_body
from reviewer.pipeline import Result
from reviewer.records import (ChangeSet, FileChange, FileStatus, Finding, Hunk, Routed, Severity, Skipped, Source,
                              Suggestion, Why)
from reviewer.report import markdown, text, workflow_commands

MD = MarkdownIt("commonmark").enable("table")
OWN_HTML = re.compile(r"^(?:<details>|</details>|<summary>[^<]*</summary>|<sub>|</sub>|"
                      r"<!-- reviewer:(?:summary|fp=[0-9A-Za-z_-]+) -->)\s*$")

MENTION_PATH = "q`@octocat`q.py"
IMAGE_PATH = "docs/![x](https:evil.example/x.png).md"
HTML_PATH = "<img src=x onerror=alert(1)>.py"
MESSAGE = ("ping @octocat and @acme/security: see [docs](https://evil.example) ![i](https://evil.example/i.png) "
           "<img src=x> </details> fixes #1 <!-- reviewer:fp=spoofed --> admin@evil.example\n\n# heading")
REPLACEMENT = "x = '```'\n````\n<details>@octocat</details>\n\n    indented\n"


def parse_all(body: str) -> list[Any]:
    tokens = []
    for tok in MD.parse(body):
        tokens.append(tok)
        tokens.extend(tok.children or ())
    return tokens


def assert_safe(body: str) -> list[Any]:
    tokens = parse_all(body)
    for t in tokens:
        assert t.type not in ("link_open", "image", "autolink"), (t.type, t.content)
        if t.type in ("html_block", "html_inline"):
            for line in t.content.strip().splitlines():
                assert OWN_HTML.match(line.strip()), line
        if t.type == "text":
            assert not re.search(r"@[A-Za-z0-9]|#\d|://|www\.", t.content), t.content
    assert "spoofed" not in comments.fingerprints(body)
    return tokens


def codes(tokens: list[Any]) -> list[str]:
    return [t.content for t in tokens if t.type == "code_inline"]


def hostile(path: str, line: int = 3, suggestion: bool = False) -> Finding:
    s = Suggestion(path, line, line, REPLACEMENT) if suggestion else None
    return Finding("model/`@octocat`", "model", path, line, line, Severity.ERROR, MESSAGE, confidence=0.9,
                   source=Source.MODEL, suggestion=s, snippet=f"{path}:{line}")


def result(findings: list[Finding]) -> Result:
    changes = ChangeSet(tuple(FileChange(f.path, f.path, FileStatus.MODIFIED,
                                         (Hunk(f.path, 1, 2, 1, 5, frozenset({3, 4, 5}), frozenset()),))
                              for f in findings))
    return Result(changes, tuple(Routed(f, True, Why.REPORTED) for f in findings),
                  (Skipped(IMAGE_PATH, "binary @octocat <b>"),), (f"cloud: could not escalate {MENTION_PATH}:3",),
                  {}, Path("/tmp/proj"))


FINDINGS = [hostile(MENTION_PATH), hostile(IMAGE_PATH, 4), hostile(HTML_PATH, 5, suggestion=True)]


def test_summary_comment_and_job_summary() -> None:
    for body in (markdown.render_body(result(FINDINGS)), publish.summary_comment(result(FINDINGS), "Review: done.")):
        tokens = assert_safe(body)
        spans = codes(tokens)
        for f in FINDINGS:
            assert f"{f.path}:{f.line}" in spans  # the location is one code span holding exactly the path
        assert IMAGE_PATH in spans and f"cloud: could not escalate {MENTION_PATH}:3" not in spans
        assert "model/`@octocat`" in spans


def test_inline_comments_and_suggestions_round_trip() -> None:
    for f in FINDINGS:
        for as_suggestion in (True, False):
            body = comments.inline_body(f, as_suggestion)
            tokens = assert_safe(body)
            assert comments.fingerprints(body) == [f.fingerprint]
            fences = [t for t in tokens if t.type == "fence"]
            if f.suggestion is None:
                assert fences == []
            elif as_suggestion:
                assert [(t.info, t.content) for t in fences] == [("suggestion", REPLACEMENT)]
            else:
                assert [t.content for t in fences] == [REPLACEMENT.rstrip("\n") + "\n"]


def test_review_body_lists_findings_without_live_markdown() -> None:
    plan = make_plan(FINDINGS, {}, [], set(), max_comments=10)
    body = review_body(plan, len(FINDINGS))
    tokens = assert_safe(body)
    assert sorted(comments.fingerprints(body)) == sorted(f.fingerprint for f in FINDINGS)
    spans = codes(tokens)
    assert all(f"{f.path}:{f.line}" in spans for f in FINDINGS)


def test_spoofed_marker_in_a_message_is_not_read_back() -> None:
    f = hostile("a.py")
    assert comments.fingerprints(comments.inline_body(f, False)) == [f.fingerprint]


def test_terminal_report_has_no_control_characters() -> None:
    evil = Finding("r\x1b[2Jule", "p", "evil\x1b[31m\u202e.py", 1, 1, Severity.ERROR, "msg\r\nfake: 0 finding(s)\x07")
    res = Result(ChangeSet((FileChange(evil.path, evil.path, FileStatus.ADDED, ()),)),
                 (Routed(evil, True, Why.REPORTED),), (Skipped("bin\x1b]0;t\x07", "x\x1b"),), ("note\x1b[K",), {})
    out = text.render(res, color=False)
    body = out.replace("\n", "")
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f or c == "\u202e" for c in body), repr(out)
    assert "evil\\x1b[31m\\u202e.py:1:1:" in out and "msg\\r\\nfake" in out


def test_workflow_commands_have_no_control_characters() -> None:
    evil = Finding("r", "p", "evil\x1b[31m.py", 1, 1, Severity.ERROR, "msg\x1b[2J\nnext")
    res = Result(ChangeSet(()), (Routed(evil, True, Why.REPORTED),), (), (), {})
    out = workflow_commands.render(res, color=False)
    assert "\x1b" not in out and out.count("\n") == 1 and "%0A" in out


@pytest.mark.usefixtures("repo")
def test_review_markdown_end_to_end(repo: Any, cli: Any) -> None:
    """`reviewer review --format markdown` on a repository whose file names are hostile."""
    repo.write(MENTION_PATH, 'import hashlib\npassword_hash = hashlib.md5(password)\n')
    repo.write("![x](https:evil.example).bin", b"\x00\x01binary")
    repo.git("add", "-A")
    res = cli("review", "-C", str(repo.path), "--staged", "--format", "markdown", "--fail-level", "none")
    assert res.code == 0, res
    tokens = assert_safe(res.out)
    spans = codes(tokens)
    assert f"{MENTION_PATH}:2" in spans and "![x](https:evil.example).bin" in spans


def test_diff_coverage_summary_cannot_be_hijacked_by_a_path() -> None:
    from reviewer.report import coverage as coverage_report
    from reviewer.tasks.diffcov import CoverageSection, FileReport

    section = CoverageSection((FileReport(MENTION_PATH, (1, 2), (2,), ()), FileReport(HTML_PATH, (3,), (), ())),
                              True, IMAGE_PATH, "json", unmeasured=(IMAGE_PATH,), notes=(MESSAGE,))
    tokens = assert_safe(coverage_report.markdown(section))
    assert MENTION_PATH in codes(tokens) and HTML_PATH in codes(tokens) and IMAGE_PATH in codes(tokens)
    plain = coverage_report.text(section)
    assert "\x1b" not in coverage_report.text(CoverageSection((FileReport("a\x1b[31m.py", (1,), (), ()),),
                                                              False, "d", "json"))
    assert MENTION_PATH in plain
