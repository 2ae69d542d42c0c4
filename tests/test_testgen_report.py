"""The tests report shows untrusted text (file names, pytest output, model-written code) as text only,
and always says which isolation the candidates ran under."""

from __future__ import annotations

from markdown_it import MarkdownIt

from reviewer import testrun
from reviewer.report import tests as report
from reviewer.tasks.testgen import Candidate, Target, TestsSection

MD = MarkdownIt("commonmark").enable("table")

HOSTILE_PATH = "pkg/q`@octocat`<img src=x>.py"
CODE = "def test_x():\n    s = '```'  # </details> @octocat\n    assert s\n"


def _section() -> TestsSection:
    target = Target(HOSTILE_PATH, "pkg.q", "f", 1, 3, "", frozenset({2}), frozenset())
    kept = Candidate(target, 1, CODE, testrun.Verdict(testrun.KEPT, "", 1, frozenset({2})))
    failed = Candidate(target, 2, "x", testrun.Verdict(testrun.FAILED, "E  </details>[link](http://e.test) @octocat |"))
    return TestsSection((target,), (failed, kept), isolation="bubblewrap")


def _inline_kinds(tokens: list) -> set[str]:  # type: ignore[type-arg]
    kinds = set()
    for t in tokens:
        kinds.add(t.type)
        for child in t.children or []:
            kinds.add(child.type)
    return kinds


def test_markdown_has_no_live_links_images_or_html_from_untrusted_text() -> None:
    text = report.markdown(_section())
    tokens = MD.parse(text)
    kinds = _inline_kinds(tokens)
    assert "image" not in kinds and "link_open" not in kinds
    # The only raw HTML is the report's own <details>/<summary>/<code> wrapper.
    html = [c.content for t in tokens for c in ([t] + list(t.children or [])) if "html" in c.type]
    assert all(h.strip().startswith(("<details>", "</details>", "<summary>", "</summary>", "<code>", "</code>"))
               or "<summary>Test for <code>" in h for h in html), html
    # The kept test comes back byte for byte from its fenced block.
    blocks = [t.content for t in tokens if t.type == "fence"]
    assert blocks == [CODE]
    # Mentions are neutralised (an invisible word joiner after @) in rendered text; code spans show them
    # as code, where GitHub links nothing.
    plain = [c.content for t in tokens for c in (t.children or []) if c.type == "text"]
    assert any("octocat" in p for p in plain) and not any("@octocat" in p for p in plain)
    assert "Isolation: bubblewrap" in text


def test_text_report_shows_control_characters_and_the_isolation() -> None:
    section = _section()
    target = Target("evil\x1b[2Jname.py", "evil", "f", 1, 3, "", frozenset({2}), frozenset())
    section = TestsSection((target,), (Candidate(target, 1, "x", testrun.Verdict(testrun.FAILED, "boom\x1b[31m")),),
                           isolation="best-effort")
    out = report.text(section)
    assert "\x1b" not in out and "\\x1b[2J" in out
    assert "isolation: best-effort" in out
