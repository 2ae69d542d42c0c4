"""The docstrings task: changed Python definitions without a docstring get one.

Options (TaskContext.options): `write` (bool) writes the verified files;
`generator` ("auto" | "model" | "template") overrides config.docstrings.generator;
`use_disk` reads the working-tree version of each file (what --write
changes) instead of the reviewed one, with only the reviewed side's changes
counting; `plan_only` lists what lacks a docstring without generating
anything; `all` looks at every definition of the changed files, not only the
changed ones. Without a model (generator auto) nothing is generated: the
section lists the targets and `not_written` says why.
The section (DocstringsSection) carries targets, edits with committable
suggestions for pull-request mode, the coverage figure and failures.
"""

from __future__ import annotations

from typing import Any, Optional

from reviewer import linediff, source
from reviewer.docgen import generate
from reviewer.docgen.run import DocstringsSection, FileInput, document, write
from reviewer.errors import BackendError, UsageError
from reviewer.records import FileStatus, Skipped
from reviewer.tasks import TaskContext, TaskOutput

GENERATORS = ("auto", "model", "template")


def run(ctx: TaskContext) -> TaskOutput:
    """Select, generate, check, insert and verify; write when asked."""
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
        if backend is None:
            # No model: nothing is made up. The listing stands, and the front door says how to
            # get docstrings written (notes carry the engine's detailed reason).
            section.not_written = notes[0] if notes else "no model is available"
            out.notes.extend(notes[1:])
        else:
            section = document(files, ctx.config.docstrings, backend, ctx.config.model.max_new_tokens, ctx.status)
            if section.edits:  # who wrote the prose matters only when something was written
                out.notes.extend(notes)
    if ctx.options.get("write"):
        write(section, ctx.root, {f.path: f.data for f in files})
    out.section = section
    return out


def _on_disk(ctx: TaskContext, path: str, data: bytes, changed: frozenset[int]) -> tuple[bytes, frozenset[int]]:
    """The working-tree version of `path`, with the reviewed side's changed lines carried over to it.

    Only what the reviewed side changed counts: lines the working tree added
    on top of it (unstaged edits under --staged, uncommitted ones in branch
    mode) do not, as in `reviewer review`. The `def` line of each reviewed
    definition that meets a changed line is carried over too, so a definition
    whose changed line was edited again in the working tree still counts.
    Reading the working tree is what lets a second `--write` see the first
    one's docstrings (a no-op) before anything is committed or staged.
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
    anchors = set(changed)
    try:
        anchors.update(d.line for d in source.definitions(data) if d.intersects(changed))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass  # the reviewed side does not parse: its changed lines still carry over
    mapped: set[int] = set()
    for op, i1, i2, j1, _j2 in linediff.opcodes(old, new):  # linear: SequenceMatcher is quadratic on repeats
        if op == "equal":
            mapped.update(j1 + 1 + k for k in range(i2 - i1) if i1 + 1 + k in anchors)
    return disk, frozenset(mapped)


NO_MODEL = "no model is available"


def choose_backend(ctx: TaskContext) -> tuple[Any, list[str]]:
    """The backend that writes the prose, and notes; (None, [why, ...]) when there is none.

    auto: the model, else nothing (the task lists, never invents prose);
    model: the model, else BackendError; template: the name-only generator.
    """
    choice = ctx.options.get("generator") or ctx.config.docstrings.generator
    if choice not in GENERATORS:
        raise UsageError(f"docstrings generator must be one of {', '.join(GENERATORS)}, not {choice!r}")
    if choice == "template":
        return generate.TemplateBackend(), [
            "docstrings: written by the template generator from names only (--generator template); "
            "replace the prose before you commit"]
    backend, why = _model_backend(ctx)
    if backend is not None:
        return backend, []
    if choice == "model":
        raise BackendError(f"no model backend for docstrings: {why}")
    short = "the model is turned off in the configuration" if ctx.config.model.backend == "none" else NO_MODEL
    return None, [short] + ([f"docstrings: {why}"] if why and ctx.config.model.backend != "none" else [])


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
