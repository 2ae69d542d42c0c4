"""Team guidelines in prose: a Markdown file whose sections and top-level bullets become judge rules.

Teams already write their standards as prose (pr-agent's best_practices.md,
Copilot's instruction files, CodeRabbit's path instructions). Each one becomes
a judge rule `guidelines/<slug>` that the model applies to every changed hunk
of the files it covers:

- a heading's section becomes one rule (title: the heading; text: the section's prose);
- when a section (or the text before the first heading) holds top-level bullets, each
  bullet becomes its own rule, with the section's prose as context;
- a heading that starts with path globs scopes its rules (and its subsections' rules)
  to those paths: `## api/** Handlers validate their input`, `## src/*.py, lib/**: ...`.
  Unscoped guidelines cover every source file with a known language.

Files: `rules.guidelines` (default `.reviewer/guidelines.md`), relative to the
repository. A configured file that is missing, unreadable or outside the
repository is skipped with a note; the default one may simply be absent.
`rules.disable` and `rules.severity` apply (by id, or `guidelines` for all).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Optional

from reviewer.config import RulesConfig
from reviewer.records import Rule, Severity

PACK = "guidelines"
DEFAULT_FILE = ".reviewer/guidelines.md"
MAX_TEXT = 1200  # characters of one guideline shown to the model
MAX_SLUG = 48

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def _source_globs() -> tuple[str, ...]:
    from reviewer.diff import LANGUAGES

    return tuple(f"*{ext}" for ext in sorted(LANGUAGES))


def split_scope(heading: str) -> tuple[tuple[str, ...], str]:
    """(globs, title) of a heading: leading words with `*` or `/` are path globs."""
    words = heading.split()
    globs: list[str] = []
    while words:
        word = words[0].strip("`").rstrip(":,").strip("`")
        if not word or not ("*" in word or "/" in word):
            break
        globs.append(word)
        words.pop(0)
        if words and words[0] in (":", ","):
            words.pop(0)
    title = " ".join(words).lstrip(":- ").strip()
    return tuple(globs), title or ", ".join(globs)


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    m = re.match(r"(.+?[.!?])(\s|$)", flat)
    title = m.group(1) if m else flat
    return title if len(title) <= 100 else title[:97].rstrip() + "..."


def _clean(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_TEXT else flat[: MAX_TEXT - 3].rstrip() + "..."


class _Section:
    def __init__(self, title: str, globs: tuple[str, ...], line: int) -> None:
        self.title, self.globs, self.line = title, globs, line
        self.prose: list[str] = []
        self.bullets: list[tuple[int, list[str]]] = []  # (line, text lines)
        self.in_bullet = False


def parse(text: str, source: str) -> list[Rule]:
    """The guideline rules in one Markdown text; `source` names the file in messages and `rules list`."""
    sections: list[_Section] = [_Section("", (), 1)]  # text before the first heading
    scopes: list[tuple[int, tuple[str, ...]]] = []  # (heading level, globs in force)
    fence: Optional[str] = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        current = sections[-1]
        m = _FENCE.match(line)
        if fence is not None or m:
            if fence is None and m:
                fence = m.group(1)[:3]
            elif m and m.group(1).startswith(fence or ""):
                fence = None
            _add_text(current, raw)
            continue
        head = _HEADING.match(line)
        if head:
            level = len(head.group(1))
            while scopes and scopes[-1][0] >= level:
                scopes.pop()
            globs, title = split_scope(head.group(2))
            if not globs and scopes:
                globs = scopes[-1][1]
            scopes.append((level, globs))
            sections.append(_Section(title, globs, n))
            continue
        bullet = _BULLET.match(line)
        if bullet and not raw[:1].isspace():
            current.bullets.append((n, [bullet.group(1)]))
            current.in_bullet = True
            continue
        if not line.strip():
            if current.in_bullet:
                current.bullets[-1][1].append("")
            continue
        _add_text(current, raw)

    rules: list[Rule] = []
    used: set[str] = set()
    for sec in sections:
        prose = _clean("\n".join(sec.prose))
        if sec.bullets:
            for line_no, parts in sec.bullets:
                body = _clean("\n".join(parts))
                if not body:
                    continue
                context = ": ".join(x for x in (sec.title, prose) if x)
                desc = f"{body} (Section: {_clean(context)})" if context else body
                rules.append(_rule(_first_sentence(body), desc, sec.globs, source, line_no, used))
        elif prose and sec.title:
            rules.append(_rule(sec.title, prose, sec.globs, source, sec.line, used))
    return rules


def _add_text(sec: _Section, raw: str) -> None:
    # An indented line, or a line right after a bullet, continues that bullet; the rest is prose.
    if sec.in_bullet and (raw[:1].isspace() or (sec.bullets and sec.bullets[-1][1][-1] != "")):
        sec.bullets[-1][1].append(raw.strip())
        return
    sec.in_bullet = False
    sec.prose.append(raw.strip())


def _rule(title: str, text: str, globs: tuple[str, ...], source: str, line: int, used: set[str]) -> Rule:
    base = slugify(title) or f"line-{line}"
    slug, k = base, 2
    while slug in used:
        slug, k = f"{base}-{k}", k + 1
    used.add(slug)
    return Rule(id=f"{PACK}/{slug}", pack=PACK, title=_clean(title), severity=Severity.WARNING, language="",
                description=text, files=globs or _source_globs(),
                judge="Does the changed code break this team guideline?", source=source, line=line)


def load(root: Optional[Path], cfg: RulesConfig) -> tuple[list[Rule], list[str]]:
    """(guideline rules from every configured file, with rules.disable/severity applied; notes on skipped files)."""
    if root is None:
        return [], []
    from reviewer import rules as rulesmod

    rules: list[Rule] = []
    notes: list[str] = []
    base = root.resolve()
    for name in cfg.guidelines:
        path = (base / name).resolve()
        if not path.is_relative_to(base):
            notes.append(f"guidelines file {name} is outside the repository: skipped")
            continue
        if not path.is_file():
            if name != DEFAULT_FILE:
                notes.append(f"guidelines file {name} not found: skipped")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            notes.append(f"guidelines file {name} cannot be read ({type(exc).__name__}): skipped")
            continue
        found = parse(text, str(path))
        if not found:
            notes.append(f"guidelines file {name} has no section or top-level bullet: no guideline rules")
        taken = {r.id for r in rules}
        for r in found:
            while r.id in taken:  # the same title in two files
                r = replace(r, id=r.id + "-2")
            taken.add(r.id)
            rules.append(r)
    return rulesmod.apply_config(rules, cfg), notes
