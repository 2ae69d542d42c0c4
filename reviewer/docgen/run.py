"""Document a set of files: select, generate (one batched call), insert, verify, and maybe write.

Pure over its inputs except for `write`, which goes through fsutil.atomic_write
and only after the file on disk is confirmed to be the version that was read.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence

from reviewer import pysafe, source
from reviewer.config import DocstringsConfig
from reviewer.docgen import generate, insert, text
from reviewer.docgen.select import Candidate, candidates
from reviewer.engine.base import Backend
from reviewer.records import Edit, Suggestion


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


@dataclass
class DocstringsSection:
    """What the docstrings task found and did; reporters read `as_dict()`."""

    style: str
    generator: str  # "model: <id>" or "template (no model)"
    candidates: list[tuple[str, Candidate]] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    new_data: dict[str, bytes] = field(default_factory=dict)  # path -> verified new bytes
    written: list[str] = field(default_factory=list)
    # path -> (old text, new text); the unified diff is computed only when asked for.
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def diffs(self) -> dict[str, str]:
        """path -> unified diff of the verified change."""
        return {path: "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
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
            "written": list(self.written),
        }


@dataclass
class _Planned:
    file: FileInput
    targets: list[tuple[Candidate, generate.Target]]


def document(files: Sequence[FileInput], cfg: DocstringsConfig, backend: Optional[Backend],
             max_new_tokens: int = 384, status: Callable[[str], None] = lambda _m: None) -> DocstringsSection:
    """Plan, generate and verify docstrings for `files`; nothing is written here.

    With no backend, only plans: candidates and coverage, no prose, no edits.
    """
    if cfg.style not in text.STYLES:
        from reviewer.errors import UsageError

        raise UsageError(f"docstrings.style must be one of {', '.join(text.STYLES)}, not {cfg.style!r}")
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
    all_targets = [t for p in planned for _c, t in p.targets]
    if all_targets:
        status(f"docstrings: writing {len(all_targets)} docstring(s) with {label}")
    prose = iter(generate.generate(backend, all_targets, max_new_tokens))
    for plan in planned:
        written = [(c, t, *next(prose)) for c, t in plan.targets]
        if written:
            _apply(plan.file, written, cfg, section)
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
    lines = _decode(f.data).split("\n")
    targets = []
    for c in found:
        if c.needs_docstring:
            d = c.definition
            shape = text.shape(d, c.init)
            code = "\n".join(lines[d.start - 1:d.end])
            targets.append((c, generate.Target(f.path, d, shape, code)))
    return _Planned(f, targets)


def _reason(exc: Exception) -> str:
    if isinstance(exc, SyntaxError):
        return f"{exc.msg} (line {exc.lineno})"
    return str(exc)


_decode = source.decode


def _apply(f: FileInput, written: list[tuple[Candidate, generate.Target, text.Prose, str]],
           cfg: DocstringsConfig, section: DocstringsSection) -> None:
    literals: dict[int, str] = {}

    def renderer(c: Candidate, prose: text.Prose) -> insert.Render:
        def render(indent: str) -> str:
            literal = text.render(c.definition, prose, cfg.style, indent, cfg.line_length, c.init)
            literals[c.definition.line] = literal
            return literal

        return render

    renders = {c.definition.line: renderer(c, prose) for c, _t, prose, _who in written}
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
    for c, _t, _prose, who in written:
        d = c.definition
        sug = next((s for s in suggestions if d.line <= s.start_line <= max(d.body_start, d.line)), None)
        section.edits.append(Edit(f.path, d.line, d.qualname, literals[d.line], who, sug))
    section.new_data[f.path] = result.data
    section.texts[f.path] = (old_text, new_text)


def _suggestions(path: str, old: str, new: str) -> list[Suggestion]:
    """Each inserted block as a GitHub suggestion: replace old lines with their new text."""
    a, b = old.splitlines(), new.splitlines()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
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
    from reviewer.fsutil import atomic_write

    for path, data in section.new_data.items():
        target = root / path
        try:
            current = target.read_bytes()
        except OSError as exc:
            section.failures.append(Failure(path, f"not written: cannot read it ({exc.strerror})"))
            continue
        if current != expected[path]:
            section.failures.append(Failure(
                path, "not written: the working tree differs from the reviewed version (commit or stash, "
                      "or use --worktree / --staged)"))
            continue
        atomic_write(target, data)
        section.written.append(path)
