"""Docstring text: sections from the parsed signature, prose from a generator, one safe literal.

The model (or the template generator) supplies only prose: a summary and one
description per parameter, return value, yielded value and raised exception.
Which sections exist, the names, types and defaults come from `source.Definition`,
never from the model. Everything the generator wrote is sanitised so the
literal cannot break the file.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Mapping, Optional

from reviewer.source import Definition, Param

STYLES = ("google", "numpy", "sphinx", "pep257")
_MAX_DEFAULT = 40  # longer default values are left out of the text


@dataclass(frozen=True)
class Prose:
    """What a generator writes for one definition."""

    summary: str
    params: Mapping[str, str] = field(default_factory=dict)
    returns: str = ""
    yields: str = ""
    raises: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Shape:
    """The sections a definition's docstring has, derived from its facts."""

    params: tuple[Param, ...]
    returns: Optional[str]  # None: no Returns section; "" : section without a type
    yields: Optional[str]
    raises: tuple[str, ...]


def shape(defn: Definition, init: Optional[Definition] = None) -> Shape:
    """Sections for `defn`; a class documented in place of its `__init__` takes that signature."""
    source = init if (defn.kind == "class" and init is not None) else defn
    params = [p if p.annotation is None or _safe(p.annotation) else Param(p.name, p.kind, None, p.default)
              for p in source.params]
    drop_first = source.kind == "method" and not any(d in ("staticmethod",) for d in source.decorators)
    if drop_first and params and params[0].kind in ("positional", "positional_only"):
        params = params[1:]
    if defn.kind == "class":
        return Shape(tuple(params), None, None, source.raises if init is not None else ())
    returns: Optional[str] = None
    yields: Optional[str] = None
    annotation = defn.returns if defn.returns is None or _safe(defn.returns) else ""
    if defn.yields:
        yields = _yield_type(annotation)
    elif (annotation and annotation not in ("None", "NoReturn", "Never")) or (annotation is None and defn.returns_value):
        returns = annotation or ""
    return Shape(tuple(params), returns, yields, defn.raises)


def _yield_type(annotation: Optional[str]) -> str:
    if not annotation:
        return ""
    m = re.match(r"^(?:[\w.]*\.)?(?:Async)?(?:Iterator|Iterable|Generator)\[\s*([^,\]]+(?:\[[^\]]*\])?)", annotation)
    return m.group(1).strip() if m else ""


# --- sanitising -----------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~).*$", re.M)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")


def clean(text: str, defn: Optional[Definition] = None) -> str:
    """One paragraph of prose safe inside a triple-quoted literal."""
    text = _CONTROL.sub(" ", str(text).replace("\r\n", "\n").replace("\t", " "))
    text = _FENCE.sub("", text)
    lines = [ln for ln in text.split("\n") if not _echoes_signature(ln, defn)]
    text = " ".join(" ".join(lines).split())
    # Triple quotes (either kind) would end the literal early; a quote before the closing
    # quotes would too. Single quote characters are fine.
    while '"""' in text or "'''" in text:
        text = text.replace('"""', '"').replace("'''", "'")
    # Leading punctuation (":", "-") would read as a field marker or a list item.
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] == "`" and text.count("`") == 2:
        text = text[1:-1]  # one code span around everything: a fence-like wrapper, not code in the prose
    text = text.strip().lstrip(":;,.-*# ").strip()
    return text


def _echoes_signature(line: str, defn: Optional[Definition]) -> bool:
    s = line.strip()
    if re.match(r"^(async\s+def|def|class)\s+\w+", s):
        return True
    return defn is not None and s.startswith(defn.name + "(") and s.rstrip().endswith((")", ":"))


def sentence(text: str) -> str:
    """Capitalised, ending in a period."""
    text = text.rstrip(" ,;:-")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def summary_line(text: str, defn: Optional[Definition] = None) -> str:
    """The first sentence of `text`, ending in a period (PEP 257's summary line)."""
    text = clean(text, defn)
    m = re.match(r"^(.+?[.!?])(\s|$)", text)
    first = m.group(1) if m else text
    first = first.rstrip("!?") if not first.endswith(".") else first
    return sentence(first)


def cleaned(prose: Prose, defn: Optional[Definition] = None) -> Prose:
    """The prose as `render` will show it: sanitised, one summary sentence, each description a sentence."""
    def each(items: Mapping[str, str]) -> dict[str, str]:
        return {k: sentence(clean(v, defn)) for k, v in items.items()}

    return Prose(summary=summary_line(prose.summary, defn), params=each(prose.params),
                 returns=sentence(clean(prose.returns, defn)), yields=sentence(clean(prose.yields, defn)),
                 raises=each(prose.raises))


# --- rendering ------------------------------------------------------------------------------

def render(defn: Definition, prose: Prose, style: str, indent: str, line_length: int,
           init: Optional[Definition] = None) -> str:
    """The docstring literal (quotes and prefix included), first line unindented.

    Continuation lines carry `indent`; lines end with '\\n' (the inserter
    converts to the file's newline).
    """
    lines = content(defn, prose, style, indent, line_length, init)
    summary = lines[0]
    width = max(line_length - len(indent.expandtabs(4)), 30)
    text = "\n".join(lines)
    prefix = "r" if "\\" in text else ""
    if len(lines) == 1 and len(indent.expandtabs(4)) + len(prefix) + len(summary) + 6 <= line_length:
        return f'{prefix}"""{summary}"""'
    inner = "\n".join((indent + ln) if ln else "" for ln in lines[1:])
    first = textwrap.wrap(summary, width - 3 - len(prefix)) or [summary]
    head = "\n".join([first[0], *(indent + ln for ln in first[1:])])
    tail = ("\n" + inner) if inner else ""
    return f'{prefix}"""{head}{tail}\n{indent}"""'


def content(defn: Definition, prose: Prose, style: str, indent: str, line_length: int,
            init: Optional[Definition] = None) -> list[str]:
    """The docstring's lines, unindented and unquoted: the summary, a blank line, the sections.

    What the checks (docgen/checks.py) read back; `render` quotes and indents it.
    """
    if style not in STYLES:
        raise ValueError(f"unknown docstring style {style!r} (use {', '.join(STYLES)})")
    sh = shape(defn, init)
    width = max(line_length - len(indent.expandtabs(4)), 30)
    summary = summary_line(prose.summary, defn) or sentence(defn.name.replace("_", " ").strip())
    body = _SECTIONS[style](sh, prose, width, defn)
    return [summary, "", *body] if body else [summary]


def _desc(prose: Mapping[str, str], key: str, defn: Definition) -> str:
    return sentence(clean(prose.get(key, ""), defn)) or "Not documented."


def _default(p: Param) -> Optional[str]:
    if p.default is None or len(p.default) > _MAX_DEFAULT or not _safe(p.default):
        return None
    return p.default


def _safe(code: str) -> bool:
    """Source text (an annotation, a default) that can sit inside the literal unchanged."""
    return "\n" not in code and '"""' not in code and "'''" not in code


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    words = text.split()
    head: list[str] = []
    if words and first.strip() and len(first) + min(len(words[0]), width // 2) > width:
        # The head fills the line: the description starts on the next one.
        head, first = [first.rstrip()], rest
    # Words longer than the line are broken rather than overflow line_length.
    return head + (textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
                                 break_on_hyphens=False) or [first.rstrip()])


def _google(sh: Shape, prose: Prose, width: int, defn: Definition) -> list[str]:
    out: list[str] = []
    if sh.params:
        out.append("Args:")
        for p in sh.params:
            desc = _desc(prose.params, p.name, defn)
            if _default(p) is not None:
                desc += f" Defaults to {_default(p)}."
            head = f"    {p.display} ({p.annotation}): " if p.annotation else f"    {p.display}: "
            out += _wrap(desc, width, head, "        ")
    for title, kind in (("Returns:", sh.returns), ("Yields:", sh.yields)):
        if kind is not None:
            text = prose.returns if title == "Returns:" else prose.yields
            desc = sentence(clean(text, defn)) or "Not documented."
            out += ["", title] if out else [title]
            out += _wrap(f"{kind}: {desc}" if kind else desc, width, "    ", "        ")
    if sh.raises:
        out += ["", "Raises:"] if out else ["Raises:"]
        for exc in sh.raises:
            out += _wrap(_desc(prose.raises, exc, defn), width, f"    {exc}: ", "        ")
    return out


def _numpy(sh: Shape, prose: Prose, width: int, defn: Definition) -> list[str]:
    out: list[str] = []

    def section(title: str) -> None:
        if out:
            out.append("")
        out.extend([title, "-" * len(title)])

    if sh.params:
        section("Parameters")
        for p in sh.params:
            kind = p.annotation or ""
            if _default(p) is not None:
                kind = f"{kind}, optional" if kind else "optional"
            out.append(f"{p.display} : {kind}" if kind else p.display)
            desc = _desc(prose.params, p.name, defn)
            if _default(p) is not None:
                desc += f" Default is {_default(p)}."
            out += _wrap(desc, width, "    ", "    ")
    for title, maybe, text in (("Returns", sh.returns, prose.returns), ("Yields", sh.yields, prose.yields)):
        if maybe is not None:
            section(title)
            out.append(maybe or "object")
            out += _wrap(sentence(clean(text, defn)) or "Not documented.", width, "    ", "    ")
    if sh.raises:
        section("Raises")
        for exc in sh.raises:
            out.append(exc)
            out += _wrap(_desc(prose.raises, exc, defn), width, "    ", "    ")
    return out


def _sphinx(sh: Shape, prose: Prose, width: int, defn: Definition) -> list[str]:
    out: list[str] = []
    for p in sh.params:
        desc = _desc(prose.params, p.name, defn)
        if _default(p) is not None:
            desc += f" Defaults to {_default(p)}."
        out += _wrap(desc, width, f":param {p.name}: ", "    ")
        if p.annotation:
            out += _wrap(p.annotation, width, f":type {p.name}: ", "    ")
    if sh.returns is not None:
        out += _wrap(sentence(clean(prose.returns, defn)) or "Not documented.", width, ":returns: ", "    ")
        if sh.returns:
            out.append(f":rtype: {sh.returns}")
    if sh.yields is not None:
        out += _wrap(sentence(clean(prose.yields, defn)) or "Not documented.", width, ":yields: ", "    ")
        if sh.yields:
            out.append(f":ytype: {sh.yields}")
    for exc in sh.raises:
        out += _wrap(_desc(prose.raises, exc, defn), width, f":raises {exc}: ", "    ")
    return out


def _pep257(sh: Shape, prose: Prose, width: int, defn: Definition) -> list[str]:
    out: list[str] = []
    if sh.params:
        out.append("Arguments:")
        for p in sh.params:
            desc = _desc(prose.params, p.name, defn)
            if _default(p) is not None:
                desc = desc[:-1] + f" (default {_default(p)})." if desc.endswith(".") else desc
            out += _wrap(desc, width, f"{p.display} -- ", "    ")
    for title, kind, text in (("Returns", sh.returns, prose.returns), ("Yields", sh.yields, prose.yields)):
        if kind is not None:
            if out:
                out.append("")
            out += _wrap(sentence(clean(text, defn)) or "Not documented.", width, f"{title}: ", "    ")
    if sh.raises:
        if out:
            out.append("")
        out.append("Raises:")
        for exc in sh.raises:
            out += _wrap(_desc(prose.raises, exc, defn), width, f"{exc} -- ", "    ")
    return out


_SECTIONS = {"google": _google, "numpy": _numpy, "sphinx": _sphinx, "pep257": _pep257}
