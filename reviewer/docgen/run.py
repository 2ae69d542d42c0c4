"""Document a set of files: select, generate (one batched call), check, insert, verify, and maybe write.

Pure over its inputs except for `write`, which goes through fsutil.atomic_write
and only after the file on disk is confirmed to be the version that was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence

from reviewer import linediff, pysafe, source
from reviewer.config import DocstringsConfig
from reviewer.docgen import checks, generate, insert, text
from reviewer.docgen import style as stylemod
from reviewer.docgen.select import Candidate, candidates
from reviewer.engine.base import Backend
from reviewer.records import Edit, Suggestion

# "auto": the module's own style, detected from its documented definitions (google when it has none).
STYLE_CHOICES = ("auto", *text.STYLES)


@dataclass(frozen=True)
class FileInput:
    """One file to document: its bytes as reviewed and the changed lines (None: all lines)."""

    path: str
    data: bytes
    changed: Optional[frozenset[int]] = None


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


@dataclass(frozen=True)
class Rejected:
    """A generated docstring that failed a check (docgen/checks.py): not written, listed with why."""

    path: str
    line: int
    name: str
    reason: str


@dataclass
class DocstringsSection:
    """What the docstrings task found and did; reporters read `as_dict()`."""

    style: str
    generator: str  # "model: <id>", "template (no model)" or "none (listing only)"
    candidates: list[tuple[str, Candidate]] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    # Why nothing was generated although docstrings were asked for (no model): one line, said to the user.
    not_written: Optional[str] = None
    styles: dict[str, str] = field(default_factory=dict)  # path -> the style used there
    new_data: dict[str, bytes] = field(default_factory=dict)  # path -> verified new bytes
    written: list[str] = field(default_factory=list)
    # path -> (old text, new text); the unified diff is computed only when asked for.
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def diffs(self) -> dict[str, str]:
        """path -> unified diff of the verified change."""
        return {path: "".join(linediff.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                    f"a/{path}", f"b/{path}"))
                for path, (old, new) in self.texts.items()}

    @property
    def counted(self) -> list[tuple[str, Candidate]]:
        return [(p, c) for p, c in self.candidates if c.skip is None]

    @property
    def missing(self) -> list[tuple[str, Candidate]]:
        return [(p, c) for p, c in self.counted if not c.definition.has_docstring]

    @property
    def coverage(self) -> Optional[float]:
        """Percent of counted changed definitions that have a docstring (None when none counted)."""
        total = len(self.counted)
        return None if total == 0 else 100.0 * (total - len(self.missing)) / total

    @property
    def suggestions(self) -> list[Suggestion]:
        return [e.suggestion for e in self.edits if e.suggestion is not None]

    def as_dict(self) -> dict[str, Any]:
        cov = self.coverage
        return {
            "style": self.style,
            "generator": self.generator,
            "coverage": {"documented": len(self.counted) - len(self.missing), "total": len(self.counted),
                         "percent": None if cov is None else round(cov, 1)},
            "targets": [{"path": p, "line": c.definition.line, "name": c.definition.qualname,
                         "kind": c.definition.kind} for p, c in self.missing],
            "skipped": [{"path": p, "line": c.definition.line, "name": c.definition.qualname, "reason": c.skip}
                        for p, c in self.candidates if c.skip is not None],
            "edits": [{"path": e.path, "line": e.line, "name": e.name, "docstring": e.docstring,
                       "written_by": e.written_by,
                       "suggestion": None if e.suggestion is None else {
                           "start_line": e.suggestion.start_line, "end_line": e.suggestion.end_line,
                           "replacement": e.suggestion.replacement}} for e in self.edits],
            "failures": [{"path": f.path, "reason": f.reason} for f in self.failures],
            "rejected": [{"path": r.path, "line": r.line, "name": r.name, "reason": r.reason}
                         for r in self.rejected],
            "not_written": self.not_written,
            "styles": dict(self.styles),
            "written": list(self.written),
        }


@dataclass
class _Planned:
    file: FileInput
    targets: list[tuple[Candidate, generate.Target]]


def resolve_style(configured: str, defs: Sequence[source.Definition]) -> tuple[str, str]:
    """(style, where it came from): the configured one, or with "auto" the module's own."""
    if configured != "auto":
        return configured, "configured"
    documented = [d.docstring for d in defs if d.has_docstring]
    found = stylemod.detect(documented)
    if found is None:
        return "google", "no documented neighbour with sections: google"
    votes = sum(1 for doc in documented if doc and stylemod.classify(doc) == found)
    return found, f"detected from {votes} documented definition(s) in this module"


def document(files: Sequence[FileInput], cfg: DocstringsConfig, backend: Optional[Backend],
             max_new_tokens: int = 384, status: Callable[[str], None] = lambda _m: None,
             checks_mode: str = "auto") -> DocstringsSection:
    """Plan, generate, check and verify docstrings for `files`; nothing is written here.

    With no backend, only plans: candidates and coverage, no prose, no edits.
    A generated docstring that fails a check is not inserted; it is listed in
    `section.rejected` with its reason. `checks_mode`: "auto" (every check;
    only the structural ones for the template generator), or "off" for tests
    of the insertion alone (the AST guarantees always apply).
    """
    if cfg.style not in STYLE_CHOICES:
        from reviewer.errors import UsageError

        raise UsageError(f"docstrings.style must be one of {', '.join(STYLE_CHOICES)}, not {cfg.style!r}")
    if backend is None:
        label = "none (listing only)"
    elif backend.name == generate.TemplateBackend.name:
        label = "template (no model)"
    else:
        label = f"model: {backend.model_id}"
    section = DocstringsSection(style=cfg.style, generator=label)
    planned = [p for p in (_plan(f, cfg, section) for f in files) if p is not None]
    if backend is None:
        return section
    _add_call_sites(planned)
    all_targets = [t for p in planned for _c, t in p.targets]
    if all_targets:
        status(f"docstrings: generating {len(all_targets)} docstring(s) with {label}")
    answers = iter(generate.generate(backend, all_targets, max_new_tokens))
    mode = checks_mode if checks_mode == "off" else (
        "structure" if backend.name == generate.TemplateBackend.name else "all")
    for plan in planned:
        written = [(c, t, next(answers)) for c, t in plan.targets]
        if written:
            _apply(plan.file, written, cfg, section, mode)
    return section


def _plan(f: FileInput, cfg: DocstringsConfig, section: DocstringsSection) -> Optional[_Planned]:
    try:
        defs = source.definitions(f.data)
    except pysafe.Refused as exc:  # too big or too deep for the parsers: skipped before any of them runs
        section.failures.append(Failure(f.path, f"skipped, left untouched: {exc}"))
        return None
    except (SyntaxError, ValueError) as exc:  # ValueError: null bytes, bad encoding cookie
        section.failures.append(Failure(f.path, f"does not parse, left untouched: {_reason(exc)}"))
        return None
    found = candidates(defs, f.changed, cfg)
    section.candidates.extend((f.path, c) for c in found)
    style, where = resolve_style(cfg.style, defs)
    section.styles[f.path] = style
    lines = _decode(f.data).split("\n")
    by_qual = {d.qualname: d for d in defs}
    targets = []
    for c in found:
        if c.needs_docstring:
            d = c.definition
            shape = text.shape(d, c.init)
            code = "\n".join(lines[d.start - 1:d.end])
            parent = by_qual.get(d.parent or "")
            class_doc = parent.docstring if parent is not None and parent.kind == "class" else None
            targets.append((c, generate.Target(f.path, d, shape, code, style, where, class_doc,
                                               _example(defs, d, style))))
    return _Planned(f, targets)


def _example(defs: Sequence[source.Definition], d: source.Definition, style: str) -> Optional[str]:
    """The docstring of the nearest documented definition, preferring one in `style` with sections."""
    documented = [x for x in defs if x.has_docstring and x.index != d.index]
    if not documented:
        return None
    in_style = [x for x in documented if stylemod.classify(x.docstring or "") == style]
    pool = in_style or documented
    best = min(pool, key=lambda x: (x.kind != d.kind, abs(x.line - d.line)))
    return best.docstring


_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def _add_call_sites(planned: list[_Planned]) -> None:
    """Give each target up to generate.MAX_CALLS call sites from the change's files (one pass)."""
    wanted = {t.definition.name for p in planned for _c, t in p.targets}
    if not wanted:
        return
    sites: dict[str, list[tuple[str, int, str]]] = {}
    for p in planned:
        for n, line in enumerate(_decode(p.file.data).split("\n"), 1):
            if len(line) > 2000 or "(" not in line:
                continue
            stripped = line.strip()
            if stripped.startswith(("def ", "async def ", "class ", "#")):
                continue
            for name in {m.group(1) for m in _CALL.finditer(line)} & wanted:
                found = sites.setdefault(name, [])
                if len(found) < 4 * generate.MAX_CALLS:
                    found.append((p.file.path, n, stripped[:160]))
    for p in planned:
        for i, (c, t) in enumerate(p.targets):
            d = t.definition
            calls = tuple(f"{path}:{n}: {code}" for path, n, code in sites.get(d.name, ())
                          if not (path == t.path and d.start <= n <= d.end))[:generate.MAX_CALLS]
            if calls:
                p.targets[i] = (c, replace(t, calls=calls))


def _reason(exc: Exception) -> str:
    if isinstance(exc, SyntaxError):
        return f"{exc.msg} (line {exc.lineno})"
    return str(exc)


_decode = source.decode


def _body_indent(lines: list[str], d: source.Definition) -> str:
    """The indentation the docstring will get (the inserter uses the body's own)."""
    def lead(s: str) -> str:
        return s[:len(s) - len(s.lstrip())]

    if d.body_start > d.line and d.body_start - 1 < len(lines):
        return lead(lines[d.body_start - 1])
    head = lines[d.line - 1] if d.line - 1 < len(lines) else ""
    return lead(head) + "    "


def _check(src_lines: list[str], c: Candidate, t: generate.Target, prose: text.Prose, cfg: DocstringsConfig,
           prose_checks: bool) -> Optional[str]:
    d = c.definition
    indent = _body_indent(src_lines, d).replace("\r", "")
    doc = "\n".join(text.content(d, prose, t.style, indent, cfg.line_length, c.init))
    room = cfg.line_length - len(indent.expandtabs(4)) - 3 - (1 if "\\" in doc else 0)
    return checks.check(d, t.shape, text.cleaned(prose, d), doc, t.style, t.code, room, prose_checks=prose_checks)


def _apply(f: FileInput, written: list[tuple[Candidate, generate.Target, generate.Answer]],
           cfg: DocstringsConfig, section: DocstringsSection, mode: str = "all") -> None:
    literals: dict[int, str] = {}
    src_lines = _decode(f.data).split("\n")
    accepted: list[tuple[Candidate, generate.Target, text.Prose, str]] = []
    for c, t, answer in written:
        d = c.definition
        if answer.prose is None:
            section.rejected.append(Rejected(f.path, d.line, d.qualname, answer.error or "no answer"))
            continue
        why = None if mode == "off" else _check(src_lines, c, t, answer.prose, cfg, mode == "all")
        if why is not None:
            section.rejected.append(Rejected(f.path, d.line, d.qualname, why))
            continue
        accepted.append((c, t, answer.prose, answer.written_by))
    if not accepted:
        return

    def renderer(c: Candidate, style: str, prose: text.Prose) -> insert.Render:
        def render(indent: str) -> str:
            literal = text.render(c.definition, prose, style, indent, cfg.line_length, c.init)
            literals[c.definition.line] = literal
            return literal

        return render

    renders = {c.definition.line: renderer(c, t.style, prose) for c, t, prose, _who in accepted}
    try:
        pysafe.text(f.data)  # a rewrite must keep every byte: no file with a byte invalid in its encoding
        result = insert.inject(f.data, renders)
    except pysafe.Refused as exc:
        section.failures.append(Failure(f.path, f"left untouched: {exc}"))
        return
    except insert.GuaranteeError as exc:
        section.failures.append(Failure(f.path, f"left untouched: {exc}"))
        return
    except SyntaxError as exc:
        section.failures.append(Failure(f.path, f"does not parse, left untouched: {_reason(exc)}"))
        return
    old_text, new_text = _decode(f.data), _decode(result.data)
    suggestions = _suggestions(f.path, old_text, new_text)
    for c, _t, _prose, who in accepted:
        d = c.definition
        sug = next((s for s in suggestions if d.line <= s.start_line <= max(d.body_start, d.line)), None)
        section.edits.append(Edit(f.path, d.line, d.qualname, literals[d.line], who, sug))
    section.new_data[f.path] = result.data
    section.texts[f.path] = (old_text, new_text)


def _suggestions(path: str, old: str, new: str) -> list[Suggestion]:
    """Each inserted block as a GitHub suggestion: replace old lines with their new text."""
    a, b = old.splitlines(), new.splitlines()
    out = []
    for op, i1, i2, j1, j2 in linediff.opcodes(a, b):  # linear: SequenceMatcher is quadratic on repeated lines
        if op == "equal":
            continue
        if op == "insert" and i1 > 0:
            # Suggestions replace lines; an insertion is "line i1, then the new lines".
            out.append(Suggestion(path, i1, i1, "\n".join([a[i1 - 1], *b[j1:j2]])))
        elif op == "insert":
            out.append(Suggestion(path, 1, 1, "\n".join([*b[j1:j2], *a[:1]])))
        else:
            out.append(Suggestion(path, i1 + 1, max(i2, i1 + 1), "\n".join(b[j1:j2])))
    return out


def write(section: DocstringsSection, root: Path, expected: Mapping[str, bytes]) -> None:
    """Write each verified file, atomically, if the disk still holds the bytes that were read."""
    from reviewer.fsutil import UnsafePath, read_inside, write_inside

    for path, data in section.new_data.items():
        # Contained (fsutil): never outside `root`, never through or over a symbolic link.
        try:
            current = read_inside(root, path)
        except UnsafePath as exc:
            section.failures.append(Failure(path, f"not written: {exc.reason}"))
            continue
        except OSError as exc:
            section.failures.append(Failure(path, f"not written: cannot read it ({exc.strerror})"))
            continue
        if current != expected[path]:
            section.failures.append(Failure(
                path, "not written: the working tree differs from the reviewed version (commit or stash, "
                      "or use --worktree / --staged)"))
            continue
        try:
            write_inside(root, path, data)
        except UnsafePath as exc:
            section.failures.append(Failure(path, f"not written: {exc.reason}"))
            continue
        section.written.append(path)
