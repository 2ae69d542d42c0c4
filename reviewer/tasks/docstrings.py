"""The docstrings task: changed Python definitions without a docstring get one.

Options (TaskContext.options): `write` (bool) writes the verified files;
`generator` ("auto" | "model" | "template") overrides config.docstrings.generator;
`use_disk` reads the working-tree version of each file (what --write
changes) instead of the reviewed one; `plan_only` lists what lacks a docstring without generating anything; `all`
looks at every definition of the changed files, not only the changed ones.
The section (DocstringsSection) carries targets, edits with committable
suggestions for pull-request mode, the coverage figure and failures.
"""

from __future__ import annotations

from typing import Any, Optional

from reviewer import linediff
from reviewer.docgen import generate
from reviewer.docgen.run import DocstringsSection, FileInput, document, write
from reviewer.errors import BackendError, UsageError
from reviewer.records import FileStatus, Skipped
from reviewer.tasks import TaskContext, TaskOutput

GENERATORS = ("auto", "model", "template")


def run(ctx: TaskContext) -> TaskOutput:
    """Select, generate, insert and verify; write when asked."""
    out = TaskOutput()
    files = []
    for change in ctx.changes.files:
        if change.language != "python" or change.binary or change.status == FileStatus.DELETED:
            continue
        data = ctx.snapshot.read(change.path)
        if data is None:
            out.skipped.append(Skipped(change.path, "not found on the new side: docstrings not added"))
            continue
        changed = change.added_lines
        if ctx.options.get("use_disk"):
            data, changed = _on_disk(ctx, change.path, data, changed)
        files.append(FileInput(change.path, data, None if ctx.options.get("all") else changed))
    section = document(files, ctx.config.docstrings, None)
    # Only load a model when something needs prose.
    if not ctx.options.get("plan_only") and section.missing:
        backend, notes = choose_backend(ctx)
        section = document(files, ctx.config.docstrings, backend, ctx.config.model.max_new_tokens, ctx.status)
        if section.edits:  # who wrote the prose matters only when something was written
            out.notes.extend(notes)
    if ctx.options.get("write"):
        write(section, ctx.root, {f.path: f.data for f in files})
    out.section = section
    return out


def _on_disk(ctx: TaskContext, path: str, data: bytes, changed: frozenset[int]) -> tuple[bytes, frozenset[int]]:
    """The working-tree version of `path`, with the changed lines carried over to it.

    Lines the working tree changed on top of the reviewed version count as
    changed too. This is what lets a second `--write` see the first one's
    docstrings (a no-op) before anything is committed.
    """
    from reviewer.fsutil import read_inside

    try:
        disk = read_inside(ctx.root, path)  # never outside the root or through a link
    except OSError:
        return data, changed
    if disk is None or disk == data:
        return data, changed
    old = data.splitlines()
    new = disk.splitlines()
    mapped: set[int] = set()
    for op, i1, i2, j1, j2 in linediff.opcodes(old, new):
        if op == "equal":
            mapped.update(j1 + 1 + k for k in range(i2 - i1) if i1 + 1 + k in changed)
        else:
            mapped.update(range(j1 + 1, j2 + 1))
    return disk, frozenset(mapped)


def choose_backend(ctx: TaskContext) -> tuple[Any, list[str]]:
    """The model backend, or the template generator with a note that says so plainly."""
    choice = ctx.options.get("generator") or ctx.config.docstrings.generator
    if choice not in GENERATORS:
        raise UsageError(f"docstrings generator must be one of {', '.join(GENERATORS)}, not {choice!r}")
    template_note = "docstrings: written by the template generator from names only (no model); review the prose"
    if choice == "template":
        return generate.TemplateBackend(), [template_note]
    backend, why = _model_backend(ctx)
    if backend is not None:
        return backend, []
    if choice == "model":
        raise BackendError(f"no model backend for docstrings: {why}")
    return generate.TemplateBackend(), [f"docstrings: no model backend ({why})", template_note]


def _model_backend(ctx: TaskContext) -> tuple[Optional[Any], str]:
    """The run's model backend (shared with other tasks), or None and why not."""
    from reviewer.engine import shared_backend

    if ctx.config.model.backend == "none":
        return None, "the model is turned off (model.backend = none)"
    backend, notes = shared_backend(ctx)
    if backend is None:
        return None, "; ".join(str(n) for n in notes) or "no model available"
    return backend, ""


__all__ = ["run", "DocstringsSection", "choose_backend"]
