"""Run one candidate test, TestGen-LLM style: parses -> passes every run -> covers the target.

Candidates are model-written code, so each runs isolated (reviewer/sandbox.py):
in a scratch copy of the repository (the candidate file is written there, never
into the repository), with an environment from an allow-list, without network
where the operating system allows it, under coverage with a wall-clock timeout
and CPU/memory limits, `repeat` times to reject flaky tests; every process it
started is killed when the run ends, also when the run is interrupted.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from reviewer import coverage_data, sandbox

Arc = tuple[int, int]

KEPT = "kept"
SYNTAX_ERROR = "syntax error"
IMPORT_ERROR = "import error"
FAILED = "failed"
FLAKY = "flaky"
NO_GAIN = "no coverage gain"
TIMED_OUT = "timed out"
REASONS = (SYNTAX_ERROR, IMPORT_ERROR, FAILED, FLAKY, NO_GAIN, TIMED_OUT)

_OUTPUT_TAIL = 3000  # characters of pytest output kept for the report and the next prompt


@dataclass(frozen=True)
class Goal:
    """What a candidate must execute: the target's missing lines and arcs in one file."""

    path: str  # repository-relative
    lines: frozenset[int]
    arcs: frozenset[Arc]


@dataclass(frozen=True)
class Verdict:
    status: str  # KEPT or one of REASONS
    detail: str = ""  # failure output (tail), for the report and the next prompt
    runs: int = 0  # subprocess runs made
    covered_lines: frozenset[int] = frozenset()
    covered_arcs: frozenset[Arc] = frozenset()

    @property
    def parsed(self) -> bool:
        return self.status != SYNTAX_ERROR

    @property
    def passed(self) -> bool:
        return self.status in (KEPT, NO_GAIN)


@dataclass
class Runner:
    """Runs candidates for one project. `python` runs pytest (it needs pytest and coverage)."""

    root: Path
    tests_dir: Path
    repeat: int = 5
    timeout: float = 60.0
    memory_mb: int = 2048
    python: str = field(default_factory=lambda: sys.executable)
    isolation: sandbox.Isolation = field(default_factory=sandbox.detect)
    _files: Optional[list[str]] = field(default=None, repr=False)

    def check(self, code: str, goal: Goal) -> Verdict:
        """Judge one candidate in a fresh scratch copy; never leaves a file or a process behind."""
        from reviewer import pysafe

        try:
            pysafe.parse(code)
        except SyntaxError as exc:
            return Verdict(SYNTAX_ERROR, f"SyntaxError: {exc.msg} (line {exc.lineno})")
        except pysafe.Refused as exc:
            return Verdict(SYNTAX_ERROR, f"not parsed: {exc}")
        with _sigterm_as_interrupt(), tempfile.TemporaryDirectory(prefix="reviewer-sandbox-") as tmp:
            box = Path(tmp).resolve()
            scratch = self._scratch(box)
            test_file = self._candidate_path(scratch)
            test_file.parent.mkdir(parents=True, exist_ok=True)
            test_file.write_text(code, encoding="utf-8")
            covered: set[int] = set()
            arcs: set[Arc] = set()
            for run in range(1, max(1, self.repeat) + 1):
                data = box / "data" / f"data{run}"
                outcome, output = self._run(box, scratch, test_file, data, goal)
                if outcome != "passed":
                    if run > 1:
                        return Verdict(FLAKY, f"passed {run - 1} run(s), then {outcome} on run {run}:\n{output}", run)
                    status = {"import error": IMPORT_ERROR, "timed out": TIMED_OUT}.get(outcome, FAILED)
                    return Verdict(status, output, run)
                lines, run_arcs = self._covered(data, goal, scratch)
                covered |= lines
                arcs |= run_arcs
            if not covered and not arcs:
                return Verdict(NO_GAIN, "the test passed but executed none of the target lines or branches",
                               self.repeat)
            return Verdict(KEPT, "", self.repeat, frozenset(covered), frozenset(arcs))

    def _scratch(self, box: Path) -> Path:
        if self._files is None:
            self._files = sandbox.repository_files(self.root)
        scratch = box / "repo"
        scratch.mkdir()
        sandbox.copy_tree(self.root, self._files, scratch)
        for sub in ("home", "tmp", "data"):
            (box / sub).mkdir()
        return scratch

    def _candidate_path(self, scratch: Path) -> Path:
        try:
            rel = self.tests_dir.resolve().relative_to(self.root.resolve())
        except ValueError:
            rel = Path("tests")
        return scratch / rel / f"test_reviewer_candidate_{uuid.uuid4().hex[:12]}.py"

    def _run(self, box: Path, scratch: Path, test_file: Path, data: Path, goal: Goal) -> tuple[str, str]:
        python = self.python or sys.executable
        argv = [python, "-m", "coverage", "run", "--branch", f"--data-file={data}",
                f"--include={scratch / goal.path}", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                str(test_file)]
        mode = self.isolation.mode
        guard = box / "guard"
        pythonpath = [str(scratch)] + ([str(scratch / "src")] if (scratch / "src").is_dir() else [])
        if mode != sandbox.BWRAP:
            pythonpath.insert(0, str(sandbox.write_guard(guard)))
        marker = sandbox.new_marker()
        env = sandbox.environment(dict(os.environ), box / "home", box / "tmp", pythonpath, marker,
                                  writable=[str(scratch), str(box / "home"), str(box / "tmp"), str(box / "data")],
                                  guard_network=mode == sandbox.BEST_EFFORT, guard_files=mode != sandbox.BWRAP)
        hide = [os.path.expanduser("~"), str(self.root.resolve())]
        cmd = sandbox.wrap(self.isolation, argv, box, scratch, hide, sandbox.python_prefixes(python, self.root))
        proc = subprocess.Popen(cmd, cwd=scratch, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, preexec_fn=_limits(self.timeout, self.memory_mb),
                                start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            sandbox.reap(proc, marker)
            return "timed out", f"the test ran longer than {self.timeout:g} s and was stopped"
        finally:
            # Whatever happened (passed, failed, Ctrl-C), nothing the candidate started survives it.
            sandbox.reap(proc, marker)
        text = out.decode("utf-8", errors="replace").replace(str(scratch) + os.sep, "")
        tail = text[-_OUTPUT_TAIL:]
        if proc.returncode == 0:
            return "passed", tail
        if proc.returncode < 0 and -proc.returncode in (signal.SIGXCPU, signal.SIGKILL):
            return "timed out", f"the test used more than its CPU limit ({signal.Signals(-proc.returncode).name})"
        if proc.returncode in (2, 4) and ("ModuleNotFoundError" in text or "ImportError" in text):
            return "import error", tail
        if proc.returncode == 5:
            return "failed", "pytest collected no tests from the candidate\n" + tail
        return "failed", tail

    def _covered(self, data: Path, goal: Goal, scratch: Path) -> tuple[set[int], set[Arc]]:
        from coverage import CoverageData

        if not data.exists():
            return set(), set()
        cov = CoverageData(basename=str(data))
        cov.read()
        target = os.path.realpath(scratch / goal.path)
        name = next((f for f in cov.measured_files() if os.path.realpath(f) == target), None)
        if name is None:
            return set(), set()
        text = (self.root / goal.path).read_text(encoding="utf-8", errors="replace")
        settings = coverage_data.read_settings(self.root)
        fc = coverage_data.analyse_file(goal.path, text, cov.lines(name) or [],
                                        cov.arcs(name) if cov.has_arcs() else None, settings)
        if fc is None:
            return set(), set()
        return set(fc.executed & goal.lines), set((fc.executed_arcs or frozenset()) & goal.arcs)


def _limits(timeout: float, memory_mb: int) -> Callable[[], None]:
    def apply() -> None:  # runs in the child between fork and exec
        import resource

        cpu = max(1, math.ceil(timeout))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        if memory_mb > 0:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (CI cancelling a job) unwinds like Ctrl-C, so `finally` removes the temporary file."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def leftover_candidates(tests_dir: Path) -> list[Path]:
    """Temporary candidate files in `tests_dir` (there should never be any)."""
    return sorted(tests_dir.glob("test_reviewer_candidate_*.py")) if tests_dir.is_dir() else []
