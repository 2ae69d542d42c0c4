"""A cheap text test that skips rules which cannot match a file, before ast-grep runs.

ast-grep-py compiles a rule on every `find_all` call, and compiling (regexes
above all) costs more than matching a small file. Every identifier written in
a `pattern`, and every literal word a `regex` requires, must appear somewhere
in a file's text for the rule to match it, so a substring test on those words
is a safe filter: it never drops a match, it only skips hopeless work (the same
idea as semgrep's pre-filtering). Anything not understood counts as "may match".
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping, Union

# A requirement: True (no constraint), a word that must occur, or ("all"|"any", [requirements]).
Req = Union[bool, str, tuple[str, list[Any]]]

_METAVAR = re.compile(r"\$+[A-Z_][A-Z0-9_]*")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]+")
_SPECIAL_GROUP = re.compile(r"(?<!\\)\(\?(?!:)")  # an unescaped "(?" that is not "(?:"


def _all(parts: list[Req]) -> Req:
    parts = [p for p in parts if p is not True]
    if not parts:
        return True
    return parts[0] if len(parts) == 1 else ("all", parts)


def _any(parts: list[Req]) -> Req:
    if not parts or any(p is True for p in parts):
        return True
    return parts[0] if len(parts) == 1 else ("any", parts)


def pattern_words(pattern: str) -> Req:
    return _all(list(_WORD.findall(_METAVAR.sub(" ", pattern))))


def _split_top(s: str) -> list[str]:
    """Split a regex on `|` outside groups and classes."""
    out, depth, cls, cur, i = [], 0, False, "", 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            cur += s[i:i + 2]
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(cur)
            cur = ""
            i += 1
            continue
        cur += c
        i += 1
    return out + [cur]


def _close(s: str, i: int, open_: str, close: str) -> int:
    """Index of the bracket closing the one at s[i] (escapes and classes respected)."""
    depth, j = 0, i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[" and open_ == "(":
            j = _close(s, j, "[", "]") + 1
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return len(s) - 1


def regex_words(rx: str) -> Req:
    if _SPECIAL_GROUP.search(rx):
        return True  # flags (case-insensitive...) or look-around: do not guess
    alts = _split_top(rx)
    if len(alts) > 1:
        return _any([_seq(a) for a in alts])
    return _seq(rx)


def _seq(s: str) -> Req:
    parts: list[Req] = []
    word = ""

    def flush() -> None:
        nonlocal word
        if len(word) >= 2:
            parts.append(word)
        word = ""

    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            flush()
            i += 2
        elif c == "[":
            flush()
            i = _close(s, i, "[", "]") + 1
        elif c == "(":
            flush()
            j = _close(s, i, "(", ")")
            inner = s[i + 1:j]
            inner = inner[2:] if inner.startswith("?:") else inner
            optional = j + 1 < len(s) and s[j + 1] in "?*{"
            if not optional:
                parts.append(regex_words(inner))
            i = j + 1
        elif c in "?*{":
            word = word[:-1]  # the quantifier makes the last character optional
            flush()
            i = s.index("}", i) + 1 if c == "{" and "}" in s[i:] else i + 1
        elif c.isalnum() or c == "_":
            word += c
            i += 1
        else:
            flush()
            i += 1
    flush()
    return _all(parts)


def requirement(rule: Any, utils: Mapping[str, Any], seen: frozenset[str] = frozenset()) -> Req:
    """What a file's text must contain for `rule` (an ast-grep rule object) to match in it."""
    if not isinstance(rule, Mapping):
        return True
    parts: list[Req] = []
    for key, value in rule.items():
        if key == "pattern":
            text = value.get("context", "") if isinstance(value, Mapping) else str(value)
            parts.append(pattern_words(text))
        elif key == "regex" and isinstance(value, str):
            parts.append(regex_words(value))
        elif key in ("has", "inside", "follows", "precedes"):
            parts.append(requirement(value, utils, seen))
        elif key == "all" and isinstance(value, list):
            parts.append(_all([requirement(v, utils, seen) for v in value]))
        elif key == "any" and isinstance(value, list):
            parts.append(_any([requirement(v, utils, seen) for v in value]))
        elif key == "matches" and isinstance(value, str) and value in utils and value not in seen:
            parts.append(requirement(utils[value], utils, seen | {value}))
    return _all(parts)


def holds(req: Req, text: str) -> bool:
    if req is True or req is False:
        return bool(req)
    if isinstance(req, str):
        return req in text
    kind, parts = req
    if kind == "all":
        return all(holds(p, text) for p in parts)
    return any(holds(p, text) for p in parts)


def compile_req(req: Req) -> Callable[[str], bool]:
    """`req` as one function of a file's text: the same answer as `holds`, with far less overhead."""
    if req is True or req is False:
        value = bool(req)
        return lambda _text: value
    if isinstance(req, str):
        word = req
        return lambda text: word in text
    kind, parts = req
    words = [p for p in parts if isinstance(p, str)]
    nested = [compile_req(p) for p in parts if not isinstance(p, str)]
    if kind == "all":
        def every(text: str) -> bool:
            for w in words:
                if w not in text:
                    return False
            for f in nested:
                if not f(text):
                    return False
            return True
        return every

    def some(text: str) -> bool:
        for w in words:
            if w in text:
                return True
        for f in nested:
            if f(text):
                return True
        return False
    return some


def all_of(parts: list[Req]) -> Req:
    return _all(parts)


def any_of(parts: list[Req]) -> Req:
    return _any(parts)


def for_matcher(matcher: Mapping[str, Any]) -> Req:
    return requirement(matcher.get("rule", {}), matcher.get("utils") or {})
