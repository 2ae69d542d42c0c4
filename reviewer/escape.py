"""Escaping for untrusted text: file names, rule and model messages, generated code.

Every reporter that puts such text into Markdown (the pull request's summary
comment, review body and inline comments, the job summary), HTML, or a
terminal goes through this module, so a file named ``q`@octocat`q.py``, a
message with `<img src=...>` or `</details>`, or a path with an escape
sequence renders as the text it is and nothing more:

- `code_span(text)`: inline code whose backtick fence is longer than any
  backtick run in the text (CommonMark's rule), padded when the text starts or
  ends with a backtick or space; line breaks and control characters are shown
  as escapes, so a span can neither close early nor end the paragraph.
- `code_block(text, info)`: a fenced block with a fence longer than any
  backtick run; the text itself is kept byte for byte (suggestion blocks must
  round-trip exactly).
- `prose(text)`: one line of Markdown-inert text. ASCII punctuation that
  Markdown or HTML gives meaning to is backslash-escaped (links, images,
  emphasis, raw HTML, entities, tables); whitespace runs collapse to one space
  (no new block can start); mentions (`@user`, `@org/team`), issue references
  (`#12`, `org/repo#12`) and bare URLs (`https://`, `www.`) get an invisible
  word joiner (U+2060) that GitHub's autolinkers do not cross. GitHub links mentions
  in rendered text, after Markdown, so a backslash alone would not stop them.
- `html_text(text)`: text for an HTML element's content (`<summary>`), with
  `& < > " '` as entities and mentions neutralised the same way.
- `terminal(text)`: text for a terminal line: C0/C1 control characters, DEL
  and the bidirectional overrides (Trojan Source) become visible escapes
  (`\\x1b`, `\\n`, `\\u202e`), so a name cannot move the cursor, recolour,
  clear the screen, fake a line or reorder what is shown.
"""

from __future__ import annotations

import re

JOINER = "\u2060"  # WORD JOINER: invisible, and not a word character for GitHub's mention/reference linkers

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\n\t]")
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# ASCII punctuation with a meaning in CommonMark, GFM or inline HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~&])")  # `<` and `>` become entities (below)
_BLOCK_START = re.compile(r"^(?=[-+=]+(?: |$)|\d{1,9}[.)](?: |$))(\d*)")  # a list item or setext underline at a line start
_MENTION = re.compile(r"@(?=[A-Za-z0-9_\-])")  # mentions, and e-mail addresses (GFM autolinks them)
_REFERENCE = re.compile(r"#(?=\d)")
_URL = re.compile(r"(?i)(?<=[a-z0-9])(://)|\b(www)(\.)")


def visible(ch: str) -> str:
    """A control character as a visible escape: `\\n`, `\\x1b`, `\\u202e`."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: object) -> str:
    """`text` for one terminal line: control characters and bidi overrides shown as escapes (tab kept)."""
    return _TERMINAL_CONTROL.sub(lambda m: visible(m.group(0)), str(text))


def longest_backtick_run(text: str) -> int:
    best = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        best = max(best, run)
    return best


def fence(text: str, minimum: int = 3) -> str:
    """A backtick fence longer than any backtick run in `text` (so the block cannot close early)."""
    return "`" * max(minimum, longest_backtick_run(text) + 1)


def code_span(text: object) -> str:
    """`text` as inline code that nothing in it can close; line breaks and controls shown as escapes."""
    s = _CONTROL.sub(lambda m: visible(m.group(0)), str(text)).replace("<!--", "<" + JOINER + "!--")
    if not s:
        return "` `"
    ticks = fence(s, minimum=1)
    pad = " " if s[0] in "` " or s[-1] in "` " else ""
    return f"{ticks}{pad}{s}{pad}{ticks}"


def code_block(text: str, info: str = "") -> str:
    """`text` in a fenced code block, kept exactly; `info` (a language or `suggestion`) must be trusted."""
    body = text[:-1] if text.endswith("\n") else text
    f = fence(body)
    return f"{f}{info}\n{body}\n{f}" if body else f"{f}{info}\n{f}"


def _neutralise(text: str) -> str:
    text = _MENTION.sub("@" + JOINER, text)
    text = _REFERENCE.sub("#" + JOINER, text)
    return _URL.sub(lambda m: (":" + JOINER + "//") if m.group(1) else (m.group(2) + JOINER + "."), text)


def prose(text: object) -> str:
    """`text` as one line of inert Markdown: no link, image, HTML, mention, reference, emphasis or new block."""
    s = _CONTROL.sub(" ", str(text))
    s = " ".join(s.split())
    s = _neutralise(s)
    # Entities, not backslashes, for < and >: then not even the raw body holds `<!-- reviewer:fp=... -->`,
    # the hidden marker that reviewer.github.comments reads back.
    s = _MD_SPECIAL.sub(r"\\\1", s).replace("<", "&lt;").replace(">", "&gt;")
    return _BLOCK_START.sub(r"\1\\", s, count=1)  # `- x` -> `\- x`, `1. x` -> `1\. x`


def cell(text: object) -> str:
    """`text` for one Markdown table cell (prose escapes `|` too)."""
    return prose(text)


def cell_code(text: object) -> str:
    """`text` as a code span inside a GFM table cell: `|` splits cells even inside code, so it is escaped."""
    return code_span(text).replace("|", "\\|")


def html_text(text: object) -> str:
    """`text` as the content of an HTML element (`<summary>`): entities, one line, mentions neutralised."""
    s = " ".join(_CONTROL.sub(" ", str(text)).split())
    s = (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
         .replace("'", "&#39;"))
    return _neutralise(s)
