"""reviewer.escape: each helper checked by parsing its output with a CommonMark parser (markdown-it-py)."""

from __future__ import annotations

from typing import Any

import pytest
from markdown_it import MarkdownIt

from reviewer.escape import JOINER, cell_code, code_block, code_span, html_text, prose, terminal

MD = MarkdownIt("commonmark").enable("table")

HOSTILE = [
    "q`@octocat`q.py",
    "``x``y```.py",
    "`lead and trail`",
    " spaced ",
    "![x](https://evil.example/x.png).py",
    "[click me](https://evil.example)",
    "<img src=x onerror=alert(1)>",
    "</details><script>alert(1)</script>",
    "<!-- reviewer:fp=spoofed -->",
    "a\n\n# heading @octocat\n- item",
    "@acme/security-team please look",
    "fixes #12 and acme/other#34",
    "see https://evil.example/path and www.evil.example",
    "mail admin@evil.example",
    "*bold* _em_ ~~strike~~ | pipe \\ backslash &amp; &lt;b&gt;",
    "<https://autolink.example>",
    "a\rb\x1b[2Jc\u202eevil\u2066",
    "[ref]: https://evil.example",
    "\\`not a span\\`",
    "- starts a list",
    "1. starts an ordered list",
    "12) also one",
    "= setext underline",
]


def inline_tokens(text: str) -> list[Any]:
    return [child for tok in MD.parse(text) if tok.type == "inline" for child in tok.children or ()]


def assert_inert(rendered: str) -> list[Any]:
    """No link, image, HTML or new block; no live mention, reference, URL or e-mail in any text token."""
    assert "<!--" not in rendered  # not even the raw text can be read back as this tool's hidden marker
    blocks = [t.type for t in MD.parse(rendered)]
    assert blocks in (["paragraph_open", "inline", "paragraph_close"], []), (rendered, blocks)
    tokens = inline_tokens(rendered)
    for t in tokens:
        assert t.type in ("text", "code_inline", "softbreak"), (rendered, t.type)
        if t.type == "text":
            assert not _live(t.content), (rendered, t.content)
    return tokens


def _live(text: str) -> bool:
    import re

    return bool(re.search(r"@[A-Za-z0-9]|#\d|://|www\.", text))


@pytest.mark.parametrize("text", HOSTILE)
def test_prose_is_inert_and_keeps_the_visible_text(text: str) -> None:
    rendered = prose(text)
    tokens = assert_inert(rendered)
    shown = "".join(t.content for t in tokens).replace(JOINER, "")
    assert shown == " ".join(text.replace("\r", " ").replace("\x1b", " ").replace("\u202e", " ")
                             .replace("\u2066", " ").split())


@pytest.mark.parametrize("text", HOSTILE)
def test_code_span_round_trips_as_one_code_token(text: str) -> None:
    tokens = assert_inert(code_span(text))
    assert [t.type for t in tokens] == ["code_inline"]
    expected = text.replace("\n", "\\n").replace("\r", "\\r").replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    expected = expected.replace("\u2066", "\\u2066").replace("<!--", "<" + JOINER + "!--")
    assert tokens[0].content == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_code_span_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {cell_code(text)} | {prose(text)} |\n"
    rows = [t for t in MD.parse(table) if t.type == "inline"]
    assert len(rows) == 4  # two header cells, two body cells: nothing split a cell or the table
    code, text_cell = rows[2].children, rows[3].children
    assert [t.type for t in code] == ["code_inline"]
    assert all(t.type == "text" and not _live(t.content) for t in text_cell)


@pytest.mark.parametrize("body", [
    "x = 1\n", "```\nstill inside\n```\n", "a\n````\n`````suggestion\n", "", "\n", "   ```\nindented fence\n",
    "line with trailing spaces   \n\n\n", "<details>\n</details>\n@octocat #1 [x](y)\n",
])
def test_code_block_round_trips_exactly(body: str) -> None:
    tokens = MD.parse(code_block(body, "suggestion"))
    assert [t.type for t in tokens] == ["fence"]
    assert tokens[0].info == "suggestion"
    expected = body[:-1] if body.endswith("\n") else body
    assert tokens[0].content == (expected + "\n" if expected else "")


def test_html_text_inside_summary() -> None:
    rendered = f"<details>\n<summary>{html_text('</summary></details><img src=x> @octocat')}</summary>\n\n</details>"
    html = MD.render(rendered)
    assert "<img" not in html and html.count("</details>") == 1 and "@octocat" not in html


def test_terminal_shows_control_characters_as_escapes() -> None:
    name = "evil\x1b[2J\x1b]0;title\x07\r\nfake line\u202egnp.py\tx"
    shown = terminal(name)
    assert not any(ord(c) < 32 and c != "\t" for c in shown) and "\u202e" not in shown and "\x7f" not in shown
    assert shown == "evil\\x1b[2J\\x1b]0;title\\x07\\r\\nfake line\\u202egnp.py\tx"
