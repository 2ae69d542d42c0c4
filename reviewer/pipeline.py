"""The one place where stages are wired together.

collect (git) -> parse (diff) -> tasks -> route -> Result. Front doors (the
command line, the hooks, the Action) build a Config and a DiffMode, call
`run`, and hand the Result to a reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Collection, Optional

from reviewer import diff as diffmod
from reviewer import fsutil
from reviewer import git as gitmod
from reviewer import router, tasks
from reviewer.config import Config
from reviewer.records import ChangeSet, FileChange, FileStatus, Finding, Routed, Skipped, Why

# A changed file whose git object the clone lacks (gitmod snapshots' `missing`): it cannot be reviewed.
MISSING_OBJECT = "its git object is missing from this clone (a partial or damaged clone?): not reviewed"


@dataclass(frozen=True)
class Result:
    changes: ChangeSet
    routed: tuple[Routed, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...]
    sections: dict[str, Any] = field(default_factory=dict)
    root: Optional[Path] = None
    model_used: bool = False  # a model backend was built for this run (answers may still come from the cache)
    cloud_used: bool = False  # a cloud backend was built for this run (escalate/always): code may have left

    @property
    def findings(self) -> list[Finding]:
        """Reported findings, in path/line order."""
        return [r.finding for r in self.routed if r.reported]

    def summary(self) -> dict[str, Any]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[str(f.severity)] += 1
        not_reported: dict[str, int] = {}
        for r in self.routed:
            if not r.reported:
                not_reported[r.why.value] = not_reported.get(r.why.value, 0) + 1
        return {
            "files": len(self.changes.files),
            "changed_lines": self.changes.changed_line_count,
            "findings": len(self.findings),
            "by_severity": counts,
            "not_reported": not_reported,
            "skipped": len(self.skipped),
        }


def collect(start: Path, mode: gitmod.DiffMode, config: Config) -> tuple[ChangeSet, gitmod.Collected]:
    collected = gitmod.collect(start, mode)
    changes = diffmod.parse(collected.diff, exclude=config.exclude, base=collected.base, head=collected.head)
    if collected.missing:
        changes = replace(changes, skipped=changes.skipped + collected.missing)
    if collected.imported:
        changes = _imported(changes, dict(collected.imported))
    if collected.reverted:
        changes = replace(changes, reverted=collected.reverted)
    changes = _contain(changes, collected.snapshot)
    prefetch = getattr(collected.snapshot, "prefetch", None)  # optional: a snapshot may read one at a time
    if prefetch is not None:
        prefetch(f.path for f in changes.files if f.status != FileStatus.DELETED and not f.binary and f.hunks)
    if mode.diff_file is not None:
        changes = _check_new_side(changes, collected.snapshot)
    return changes, collected


def _skip(changes: ChangeSet, why: Callable[[FileChange], Optional[str]]) -> ChangeSet:
    """Leave out (and say) every changed file for which `why` gives a reason; the others go on."""
    keep, skipped = [], list(changes.skipped)
    for change in changes.files:
        reason = why(change)
        if reason is None:
            keep.append(change)
        else:
            skipped.append(Skipped(change.path, reason))
    if len(keep) == len(changes.files):
        return changes
    return replace(changes, files=tuple(keep), skipped=tuple(skipped))


def _imported(changes: ChangeSet, merges: dict[str, str]) -> ChangeSet:
    """Skip (and say) every file a merge of an unrelated history brought unchanged (`git.imported`)."""
    def why(change: FileChange) -> Optional[str]:
        merge = merges.get(change.path) if change.status != FileStatus.DELETED else None
        if merge is None:
            return None
        return (f"not reviewed: merge {merge} imported it unchanged with another repository's history "
                "(none of it was written in this change)")

    return _skip(changes, why)


def _contain(changes: ChangeSet, snapshot: gitmod.Snapshot) -> ChangeSet:
    """Skip (and say) every file whose path leaves the repository or goes through a symbolic link.

    Nothing downstream (tasks, the cloud, --write) then ever sees such a path;
    the snapshots and fsutil refuse them again at read and write time.
    """
    refused = getattr(snapshot, "refused", None)  # the git snapshots have it (reviewer/git.py)

    def why(change: FileChange) -> Optional[str]:
        reason = fsutil.relative_problem(change.path)
        if reason is None and change.old_path is not None:
            reason = fsutil.relative_problem(change.old_path)
        if reason is None and change.status != FileStatus.DELETED and refused is not None:
            reason = refused(change.path)
        return None if reason is None else f"not reviewed: {reason}"

    return _skip(changes, why)


def _check_new_side(changes: ChangeSet, snapshot: gitmod.Snapshot) -> ChangeSet:
    """A --diff-file review reads the new versions from disk: skip (and say) files that do not match.

    Without this, a diff applied to another checkout (or reviewed outside the repository) would
    be matched against the wrong text or none, and report nothing without a word.
    """
    def why(change: FileChange) -> Optional[str]:
        if change.status == FileStatus.DELETED or change.binary or not change.hunks:
            return None
        data = snapshot.read(change.path)
        if data is None:
            return ("not on disk: a --diff-file review reads the new version from "
                    "the working tree (run it in the checkout the diff applies to)")
        disk = diffmod.git_lines(data.decode("utf-8", errors="replace"))
        if any(n > len(disk) or disk[n - 1].rstrip("\r") != text.rstrip("\r")
               for h in change.hunks for n, text in h.lines if n in h.added):
            return ("the working tree does not match the diff's new side: "
                    "not reviewed (run it in the checkout the diff applies to)")
        return None

    return _skip(changes, why)


def limit(changes: ChangeSet, paths: Collection[str]) -> ChangeSet:
    """The part of `changes` that touches `paths` (new or old path)."""
    keep = set(paths)
    return replace(
        changes,
        files=tuple(f for f in changes.files if f.path in keep or f.old_path in keep),
        skipped=tuple(s for s in changes.skipped if s.path in keep),
        notes=tuple(n for n in changes.notes if n.path in keep),
    )


def run(
    config: Config,
    start: Path,
    mode: gitmod.DiffMode,
    task_names: Optional[tuple[str, ...]] = None,
    status: Callable[[str], None] = lambda _m: None,
    options: Optional[dict[str, Any]] = None,
    paths: Optional[Collection[str]] = None,
) -> Result:
    """Collect the diff for `mode`, run `task_names`, route the findings.

    `paths` (repository-relative, '/'-separated) limits the run to those files,
    e.g. the filenames pre-commit hands a hook; None means every changed file.
    """
    changes, collected = collect(start, mode, config)
    if paths is not None:
        changes = limit(changes, paths)
    ctx = tasks.TaskContext(
        config=config,
        changes=changes,
        snapshot=collected.snapshot,
        root=collected.root,
        status=status,
        options=dict(options or {}),
    )
    findings: list[Finding] = []
    pre_routed: list[Routed] = []
    skipped: list[Skipped] = list(changes.skipped)
    notes: list[str] = [f"{n.path}: {n.reason}" for n in changes.notes]
    sections: dict[str, Any] = {}
    if changes.files:
        for name in task_names or config.tasks:
            out = tasks.get(name)(ctx)
            findings.extend(out.findings)
            pre_routed.extend(out.routed)
            skipped.extend(out.skipped)
            notes.extend(out.notes)
            if out.section is not None:
                sections[name] = out.section
    missing = list(getattr(collected.snapshot, "missing", None) or ())
    if missing:
        # objects the clone lacks (a mirror without its largest files, a partial clone that cannot fetch): each
        # such file reads as absent; a changed one is listed as skipped, and a note names them
        changed = {c.path for c in changes.files}
        skipped.extend(Skipped(p, MISSING_OBJECT) for p in missing if p in changed)
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        notes.append(f"{len(missing)} file(s) could not be read: their git objects are missing from this clone "
                     f"(a partial or damaged clone?), so they were read as absent: {shown}")
    if config.cloud.policy != "never" and findings:
        # Under `never` the cloud module is not even imported: nothing can leave the machine.
        from reviewer.engine import escalate

        findings, esc_routed, esc_notes = escalate.escalate_findings(ctx, findings)
        pre_routed.extend(esc_routed)
        notes.extend(esc_notes)
    notes.extend(ctx.shared.get("cloud_notes", ()))
    routed = pre_routed + router.route(findings, changes, config)
    routed.sort(key=lambda r: (r.finding.path, r.finding.line, r.finding.column, r.finding.rule))
    return Result(changes, tuple(routed), tuple(skipped), tuple(notes), sections, collected.root,
                  model_used=ctx.shared.get("backend") is not None,
                  cloud_used=ctx.shared.get("cloud_backend") is not None)


__all__ = ["Result", "run", "collect", "limit", "Why"]
