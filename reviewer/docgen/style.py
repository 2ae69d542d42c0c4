"""Read docstrings back: which style a docstring is written in, and what its sections name.

Used three ways: to detect a module's existing style from its documented
definitions (`detect`), to check a generated docstring names exactly the
parameters and exceptions the code has (`parse`, in docgen/checks.py), and to
score regenerated docstrings against a project's own ones (the quality
benchmark). Stdlib only; the grammar is the four styles `text.render` writes
plus the common variants people write by hand (`Arguments:`, `:raise X:`,
`:param int n:`, `Keyword arguments:`).
"""

from __future__ import annotations

import inspect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

STYLES = ("google", "numpy", "sphinx", "pep257")

_GOOGLE_HEAD = re.compile(r"^\s*(Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Other Parameters|"
                          r"Returns|Return|Yields|Yield|Raises|Raise|Attributes|Examples?|Notes?)\s*:\s*$")
_NUMPY_HEAD = re.compile(r"^\s*(Parameters|Other Parameters|Returns|Yields|Raises|Attributes|Examples?|Notes?|"
                         r"See Also)\s*\n\s*-{3,}\s*$", re.M)
_SPHINX_FIELD = re.compile(r"^\s*:(param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?|except|"
                           r"exception|yields?|ytype)\b[^:\n]*:", re.M)
# PEP 257's own example: `real -- the real part` lines, flush with the heading (google indents its items).
_PEP257_ITEM = re.compile(r"^\**[A-Za-z_][\w.]* -- \S", re.M)
_PEP257_HEAD = re.compile(r"^\s*(Arguments|Keyword arguments|Raises)\s*:\s*$", re.M)


@dataclass(frozen=True)
class Parsed:
    """What a docstring says, section by section (names as written, `*`/`**` stripped)."""

    style: Optional[str]  # None: no sections in any known style (prose only)
    summary: str
    params: tuple[str, ...]
    raises: tuple[str, ...]
    returns: bool
    yields: bool


def classify(doc: str) -> Optional[str]:
    """The style of one docstring from its section markers, or None when it has no sections."""
    doc = inspect.cleandoc(doc)
    if _SPHINX_FIELD.search(doc):
        return "sphinx"
    if _NUMPY_HEAD.search(doc):
        return "numpy"
    if _PEP257_ITEM.search(doc):
        return "pep257"
    if _google_sections(doc):
        return "google"
    return None


def detect(docstrings: Iterable[Optional[str]]) -> Optional[str]:
    """The style most of `docstrings` use (ties: the one seen first), or None when none has sections."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, doc in enumerate(docstrings):
        style = classify(doc) if doc else None
        if style is not None:
            votes[style] += 1
            first.setdefault(style, i)
    if not votes:
        return None
    return max(votes, key=lambda s: (votes[s], -first[s]))


def _google_sections(doc: str) -> list[tuple[str, list[str]]]:
    """(heading, indented item lines) for each google section that has items under it."""
    lines = doc.expandtabs(4).splitlines()
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        m = _GOOGLE_HEAD.match(lines[i])
        if not m:
            i += 1
            continue
        base = _indent(lines[i])
        items: list[str] = []
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > base):
            items.append(lines[j])
            j += 1
        body = [ln for ln in items if ln.strip()]
        if body:
            first = min(_indent(ln) for ln in body)
            out.append((m.group(1), [ln.strip() for ln in body if _indent(ln) == first]))
        i = j
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _name(text: str) -> str:
    return text.strip().lstrip("*").strip()


def parse(doc: str) -> Parsed:
    """The summary and the named sections of `doc`, in whatever style it is written."""
    doc = inspect.cleandoc(doc)
    style = classify(doc)
    summary = next((ln.strip() for ln in doc.splitlines() if ln.strip()), "")
    params: list[str] = []
    raises: list[str] = []
    returns = yields = False
    if style == "sphinx":
        for m in re.finditer(r"^\s*:(\w+)([^:\n]*):", doc, re.M):
            field, rest = m.group(1), m.group(2).split()
            if field in ("param", "parameter", "arg", "argument", "key", "keyword") and rest:
                params.append(_name(rest[-1]))
            elif field in ("raises", "raise", "except", "exception") and rest:
                raises.extend(_name(r).rstrip(",") for r in rest)
            elif field in ("returns", "return", "rtype"):
                returns = True
            elif field in ("yields", "yield", "ytype"):
                yields = True
    elif style == "numpy":
        for title, items in _numpy_sections(doc):
            if title in ("Parameters", "Other Parameters"):
                for item in items:
                    params.extend(_name(n) for n in item.split(":", 1)[0].split(","))
            elif title == "Raises":
                raises.extend(_name(item.split(":", 1)[0]) for item in items)
            elif title == "Returns":
                returns = True
            elif title == "Yields":
                yields = True
    elif style == "pep257":
        section = ""
        for ln in doc.splitlines():
            s = ln.strip()
            head = _PEP257_HEAD.match(ln)
            if head:
                section = head.group(1)
                continue
            if s.startswith("Returns:") or s.startswith("Return:"):
                returns = True
            elif s.startswith("Yields:"):
                yields = True
            entry = re.match(r"^\s*(\**[A-Za-z_][\w.]*) -- ", ln)
            if entry:
                (raises if section == "Raises" else params).append(_name(entry.group(1)))
    elif style == "google":
        for title, items in _google_sections(doc):
            names = [_name(re.split(r"[\s(:]", item, maxsplit=1)[0]) for item in items if ":" in item]
            if title in ("Args", "Arguments", "Parameters", "Params", "Keyword Args", "Keyword Arguments",
                         "Other Parameters"):
                params.extend(names)
            elif title in ("Raises", "Raise"):
                raises.extend(names)
            elif title in ("Returns", "Return"):
                returns = True
            elif title in ("Yields", "Yield"):
                yields = True
    return Parsed(style, summary, tuple(p for p in params if p), tuple(r for r in raises if r), returns, yields)


def _numpy_sections(doc: str) -> list[tuple[str, list[str]]]:
    lines = doc.expandtabs(4).splitlines()
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines) - 1:
        if re.match(r"^\s*-{3,}\s*$", lines[i + 1]) and lines[i].strip():
            title, base = lines[i].strip(), _indent(lines[i])
            items = []
            j = i + 2
            while j < len(lines) and not (j + 1 < len(lines) and re.match(r"^\s*-{3,}\s*$", lines[j + 1])
                                          and lines[j].strip()):
                if lines[j].strip() and _indent(lines[j]) == base:
                    items.append(lines[j].strip())
                j += 1
            out.append((title, items))
            i = j
        else:
            i += 1
    return out
