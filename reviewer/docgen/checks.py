"""Checks on each generated docstring before it is written, next to insert.py's AST guarantees.

The guarantees in insert.py protect the file; these protect the reader. A
docstring is written only when:

- its sections name exactly the parameters the signature has (none invented,
  none left out) and no exception the body does not raise;
- its prose mentions no code name (in backticks) that the definition's code
  does not contain, and no exception class the code never names;
- no sentence merely repeats a name ("Pop.", "The key.", "The result.");
- the summary is a sentence of at least two words that fits on the first line.

`check` returns the first reason a docstring fails, or None. The name-only
template generator, when asked for explicitly, writes names by design: only
the structural checks apply to it (`prose=False`).
"""

from __future__ import annotations

import re
from typing import Optional

from reviewer.docgen import style as stylemod
from reviewer.docgen.generate import words
from reviewer.docgen.text import Prose, Shape
from reviewer.source import Definition

# Words that carry no meaning of their own in a one-line description: a sentence made only of
# these and the item's own name says nothing the signature does not already say.
FILLER = frozenset("""
a an the this that these those it its of to for and or in on at by with from as is are be been being
if when then than which whose will can may should must given specified provided passed supplied
value values result results object objects instance instances item items data thing things
argument arguments arg args param params parameter parameters keyword keywords kwargs
function method class callable routine procedure helper variable attribute attributes property field
return returns returned returning yield yields yielded yielding raise raises raised
produce produces produced output outputs input inputs new some any all each every one two
none null true false optional default defaults type types not documented
""".split())

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']*")
_BACKTICK = re.compile(r"``?([^`]+?)``?")
_EXCEPTION = re.compile(r"\b([A-Z][A-Za-z0-9]*(?:Error|Exception|Warning|Exit|Interrupt))\b")
_CODE_NAME = re.compile(r"^[A-Za-z_][\w.]*$")


def name_words(*names: Optional[str]) -> set[str]:
    """`moving_sum`, `HTTPServer`, `Optional[int]` -> their lower-case words."""
    out: set[str] = set()
    for name in names:
        if name:
            out.update(w for w in re.split(r"[^a-z0-9]+", words(re.sub(r"[^\w]", "_", name))) if w)
    return out


def _content(sentence: str) -> list[str]:
    """The sentence's words that carry meaning; code names are split (`KeyError` -> key, error)."""
    out = []
    for token in _WORD.findall(sentence):
        for w in sorted(name_words(token.strip("'"))) or [token.lower()]:
            if w not in FILLER:
                out.append(w)
    return out


def echoes(text: str, *names: Optional[str]) -> Optional[str]:
    """The first sentence of `text` that says nothing beyond `names`, or None."""
    own = name_words(*names)
    own |= {w + "s" for w in own} | {w[:-1] for w in own if w.endswith("s")}
    for sentence in _SENTENCE.split(text.strip()):
        if sentence and all(w in own for w in _content(sentence)):
            return sentence
    return None


def _code_words(code: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", code))


def _mentions(text: str, code_words: set[str], params: set[str]) -> Optional[str]:
    """A reason when `text` names code that is not in the definition (an invented parameter, say)."""
    for span in _BACKTICK.findall(text):
        span = span.strip().rstrip("()")
        if _CODE_NAME.match(span) and span.split(".")[0] not in code_words and span not in params:
            return f"mentions `{span}`, which the code does not have"
    for exc in _EXCEPTION.findall(text):
        if exc not in code_words:
            return f"mentions {exc}, which the code never raises or names"
    return None


def check(defn: Definition, shape: Shape, prose: Prose, doc: str, style: str, code: str,
          first_line_room: int, prose_checks: bool = True) -> Optional[str]:
    """Why this docstring must not be written, or None when it may.

    `prose` is the prose as rendered (text.cleaned), `doc` the docstring's
    text (text.content, joined), `code` the definition's source,
    `first_line_room` the characters the summary may take on the opening line.
    """
    wanted = [p.name for p in shape.params]
    extra = [n for n in prose.params if n not in wanted]
    if extra:
        return f"describes parameter `{extra[0]}`, which does not exist"
    extra_exc = [n for n in prose.raises if n not in shape.raises]
    if extra_exc:
        return f"has a Raises entry for {extra_exc[0]}, which the body does not raise"
    parsed = stylemod.parse(doc)
    if shape.params or shape.raises:
        named = [n.lstrip("*") for n in parsed.params]
        missing = [n for n in wanted if n not in named]
        if missing:
            return f"does not document parameter `{missing[0]}` ({style} style lists every parameter)"
        unknown = [n for n in named if n not in wanted]
        if unknown:
            return f"names parameter `{unknown[0]}`, which does not exist"
        bad = [e for e in parsed.raises if e not in shape.raises]
        if bad:
            return f"has a Raises entry for {bad[0]}, which the body does not raise"
    if not prose_checks:
        return None
    summary = prose.summary.strip()
    if not summary:
        return "the summary is empty"
    n_words = len(_WORD.findall(summary))
    if n_words < 2:
        return f"the summary {_quote(summary)} is not a sentence"
    if len(summary) > first_line_room:
        return f"the summary is {len(summary)} characters; it must fit on the first line ({first_line_room})"
    if not _prose_like(summary):
        return f"the summary {_quote(summary)} is not prose"
    kind_name = defn.name
    said = echoes(summary, kind_name, defn.parent, *(p.name for p in shape.params))
    if said is not None:
        return f"the summary {_quote(said)} only repeats the name"
    code_words = _code_words(code)
    params = set(wanted)
    fields: list[tuple[str, str, tuple[Optional[str], ...]]] = [("summary", summary, ())]
    for p in shape.params:
        fields.append((f"parameter `{p.name}`", prose.params.get(p.name, ""), (p.name, p.annotation)))
    if shape.returns is not None:
        fields.append(("the return value", prose.returns, (shape.returns,)))
    if shape.yields is not None:
        fields.append(("the yielded value", prose.yields, (shape.yields,)))
    for exc in shape.raises:
        fields.append((exc, prose.raises.get(exc, ""), (exc,)))
    for label, text, names in fields:
        if label != "summary" and not text.strip():
            return f"does not describe {label}"
        why = _mentions(text, code_words, params)
        if why is not None:
            return f"{label}: {why}"
        if label != "summary":
            said = echoes(text, *names, kind_name)
            if said is not None:
                return f"the text for {label}, {_quote(said)}, only repeats the name"
            if not _prose_like(text):
                return f"the text for {label}, {_quote(text)}, is not prose"
    return None


def _prose_like(text: str) -> bool:
    """Mostly words: what a random-weight model emits (fragments, symbols) is not."""
    plain = _BACKTICK.sub(" x ", text)
    tokens = plain.split()
    if not tokens:
        return False
    wordy = [t for t in tokens if re.fullmatch(r"[(\"']?[A-Za-z][a-z]*(?:[-'][A-Za-z]+)*[)\"']?[.,;:!?)]*"
                                                r"|[(\"']?[0-9][0-9.,%]*[)\"']?[.,;:]*|[A-Z]+s?|x|[-/&]", t)]
    if len(wordy) < 0.8 * len(tokens):
        return False
    return any(len(w) >= 3 and re.search(r"[aeiouy]", w.lower()) for w in _WORD.findall(plain))


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text[:limit]}{"..." if len(text) > limit else ""}"'
