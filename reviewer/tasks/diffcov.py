"""Task "coverage": which changed lines and branches no test executes.

Line numbers follow diff-cover's rules so the two agree on the same diff and
data: only added lines count, only lines the data measured count (executed or
missing), a file without data contributes nothing. On top of that, the
missing branch arcs whose source line changed ("line 42 never jumped to line
47"), which diff-cover cannot show.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from reviewer import coverage_data
from reviewer.records import ChangeSet, FileStatus
from reviewer.tasks import TaskContext, TaskOutput

Arc = tuple[int, int]


@dataclass(frozen=True)
class FileReport:
    """Diff coverage of one changed file."""

    path: str
    measured: tuple[int, ...]  # changed lines the data measured
    uncovered: tuple[int, ...]  # changed, measured, not executed
    missing_arcs: tuple[Arc, ...]  # missing branch arcs from changed lines

    @property
    def covered(self) -> int:
        return len(self.measured) - len(self.uncovered)

    @property
    def percent(self) -> Optional[float]:
        return _percent(self.covered, len(self.measured))

    def arc_messages(self) -> list[str]:
        return [describe_arc(a, b) for a, b in self.missing_arcs]

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "measured_lines": len(self.measured),
            "covered_lines": self.covered,
            "percent_covered": self.percent,
            "uncovered_lines": list(self.uncovered),
            "missing_arcs": [{"from": a, "to": b, "message": describe_arc(a, b)} for a, b in self.missing_arcs],
        }


@dataclass(frozen=True)
class CoverageSection:
    """The coverage task's result, for reporters and `--fail-under`."""

    files: tuple[FileReport, ...]
    branch: bool
    data_file: str
    kind: str
    unmeasured: tuple[str, ...] = ()  # changed files the data does not know
    stale: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def measured_lines(self) -> int:
        return sum(len(f.measured) for f in self.files)

    @property
    def covered_lines(self) -> int:
        return sum(f.covered for f in self.files)

    @property
    def percent(self) -> Optional[float]:
        """Percent of changed measured lines covered; None when no changed line was measured."""
        return _percent(self.covered_lines, self.measured_lines)

    @property
    def missing_arc_count(self) -> int:
        return sum(len(f.missing_arcs) for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "data_file": self.data_file,
            "format": self.kind,
            "branch_coverage": self.branch,
            "measured_lines": self.measured_lines,
            "covered_lines": self.covered_lines,
            "percent_covered": self.percent,
            "missing_arcs": self.missing_arc_count,
            "files": [f.as_dict() for f in self.files],
            "unmeasured": list(self.unmeasured),
            "stale": list(self.stale),
            "notes": list(self.notes),
        }


def _percent(covered: int, total: int) -> Optional[float]:
    # Rounded like diff-cover's --total-percent-float, so the figures compare.
    return round(covered / total * 100, 2) if total else None


def describe_arc(start: int, end: int) -> str:
    """coverage.py's arc in words; a negative end is an exit from the code object at line -end."""
    if end < 0:
        return f"line {start} never returned from the function"
    return f"line {start} never jumped to line {end}"


def analyse(changes: ChangeSet, data: coverage_data.CoverageData) -> tuple[list[FileReport], list[str]]:
    """Per-file diff coverage, and the changed Python files the data does not measure."""
    reports: list[FileReport] = []
    unmeasured: list[str] = []
    for change in changes.files:
        if change.status is FileStatus.DELETED or change.binary:
            continue
        added = change.added_lines
        if not added:
            continue
        fc = data.get(change.path)
        if fc is None:
            if change.language == "python":
                unmeasured.append(change.path)
            continue
        measured = sorted(added & (fc.executed | fc.missing))
        if not measured:
            continue
        uncovered = tuple(sorted(added & fc.missing))
        arcs = tuple(sorted((a, b) for a, b in (fc.missing_arcs or ()) if a in added))
        reports.append(FileReport(change.path, tuple(measured), uncovered, arcs))
    return reports, unmeasured


def load_for(ctx: TaskContext) -> coverage_data.CoverageData:
    """The coverage data for this run: passed in by the command, or located from config."""
    data = ctx.options.get("coverage_data")
    if data is None:
        path = coverage_data.locate(ctx.root, ctx.options.get("coverage_file") or ctx.config.coverage.file)
        # Diff coverage needs the missing arcs only: skip XML's costly executed-arc analysis.
        data = coverage_data.load(path, ctx.root, only=[f.path for f in ctx.changes.files], executed_arcs=False)
        ctx.options["coverage_data"] = data
    assert isinstance(data, coverage_data.CoverageData)
    return data


def build_section(ctx: TaskContext) -> CoverageSection:
    data = load_for(ctx)
    reports, unmeasured = analyse(ctx.changes, data)
    present = [f.path for f in ctx.changes.files if f.status is not FileStatus.DELETED]
    stale = coverage_data.stale_files(data, Path(ctx.root), present)
    if stale:
        warnings.warn(f"coverage data is older than the source (lines no longer match) for: {', '.join(stale)}; "
                      "rerun the tests under coverage", UserWarning, stacklevel=2)
    notes = list(data.notes)
    if not data.branch:
        notes.append("the data has no branch information: line coverage only "
                     "(run `coverage run --branch` for missing branches)")
    try:
        shown = data.path.resolve().relative_to(Path(ctx.root).resolve()).as_posix()
    except ValueError:  # kept outside the repository
        shown = str(data.path)
    return CoverageSection(tuple(reports), data.branch, shown, data.kind, tuple(unmeasured),
                           tuple(stale), tuple(notes))


def run(ctx: TaskContext) -> TaskOutput:
    """Diff coverage of the change; the section carries everything reporters show."""
    section = build_section(ctx)
    ctx.shared["coverage_section"] = section
    return TaskOutput(section=section)
