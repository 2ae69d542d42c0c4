"""The tests task: targets, the TestGen-LLM validation loop on real pytest+coverage runs, --write.

The loop is what these tests check, so a scripted candidate generator that
implements the Backend protocol stands in for the model: it hands over one
candidate of each failure kind, then a good one. One test goes end to end
through the tiny real model once the engine is merged.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import Sequence

import pytest

from reviewer import proposals, testrun
from reviewer.engine.base import Completion, Request, YesNo
from reviewer.errors import UsageError
from reviewer.tasks import diffcov, testgen
from tests.covproject import CHANGED_CALC, line_of, measured, project  # noqa: F401 (fixtures)


class ScriptedBackend:
    """Backend protocol; answers each request with the next scripted candidate (no model involved)."""

    name = "scripted"
    model_id = "scripted"
    leaves_machine = False

    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = list(codes)
        self.requests: list[Request] = []

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        self.requests += requests
        return [Completion(json.dumps({"code": self.codes.pop(0)})) for _ in requests]

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        return [0.5 for _ in questions]




def _section(root: Path) -> diffcov.CoverageSection:
    from reviewer import config, git, pipeline

    cfg = config.Config()
    changes, collected = pipeline.collect(root, git.DiffMode(base="main"), cfg)
    ctx = testgen.TaskContext(cfg, changes, collected.snapshot, collected.root)
    return diffcov.build_section(ctx)


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_targets_grouped_per_function(project: Path) -> None:
    targets = {t.function: t for t in testgen.find_targets(_section(project), project)}
    assert set(targets) == {"clamp", "first_even", "describe"}
    clamp = targets["clamp"]
    low = line_of(CHANGED_CALC, "if value < low")
    assert clamp.module == "pkg.calc" and (low, low + 1) in clamp.arcs and low + 1 in clamp.lines
    assert clamp.source.startswith("def clamp(") and clamp.start == line_of(CHANGED_CALC, "def clamp")
    func = line_of(CHANGED_CALC, "def first_even")
    assert (line_of(CHANGED_CALC, "for item"), -func) in targets["first_even"].arcs


def test_module_name() -> None:
    assert testgen.module_name("src/acme/tools.py") == "acme.tools"
    assert testgen.module_name("acme/__init__.py") == "acme"
    assert testgen.module_name("top.py") == "top"


def test_prompt_carries_source_arc_module_example_and_fixtures(project: Path) -> None:
    clamp = next(t for t in testgen.find_targets(_section(project), project) if t.function == "clamp")
    prompt = testgen.build_prompt(clamp, project, project / "tests", feedback="AssertionError: boom")
    low = line_of(CHANGED_CALC, "if value < low")
    assert "Module to import: pkg.calc" in prompt
    assert f"make line {low} jump to line {low + 1}" in prompt and "`if value < low:`" in prompt
    assert "def clamp(value, low, high):" in prompt
    assert "tests/test_calc.py" in prompt and "def test_clamp_inside" in prompt
    assert "conftest fixtures you may use: numbers" in prompt
    assert "AssertionError: boom" in prompt


GOOD = """\
from pkg.calc import clamp


def test_clamp_below(numbers):
    assert clamp(-1, 0, 10) == 0
"""

CANDIDATES = {
    testrun.SYNTAX_ERROR: "def test_x(:\n    pass\n",
    testrun.IMPORT_ERROR: "from pkg.nowhere import clamp\n\n\ndef test_x():\n    assert clamp(1, 0, 2) == 1\n",
    testrun.FAILED: "from pkg.calc import clamp\n\n\ndef test_x():\n    assert clamp(-1, 0, 10) == 5\n",
    # Passes on odd runs, fails on even ones: counted in a file of the scratch copy (the working folder,
    # which lives as long as one candidate's runs).
    testrun.FLAKY: """\
from pathlib import Path

from pkg.calc import clamp

COUNTER = Path("flaky-counter")


def test_x():
    n = int(COUNTER.read_text()) + 1 if COUNTER.exists() else 1
    COUNTER.write_text(str(n))
    assert clamp(-1, 0, 10) == 0
    assert n % 2 == 1
""",
    testrun.NO_GAIN: "from pkg.calc import clamp\n\n\ndef test_x():\n    assert clamp(5, 0, 10) == 5\n",
    testrun.KEPT: GOOD,
}
# A candidate that hangs is checked on its own (test_hanging_candidate_times_out), with a short time limit:
# in the funnel above, every honest candidate needs the long one.
HANGS = "import time\n\nfrom pkg.calc import clamp\n\n\ndef test_x():\n    time.sleep(60)\n"


def test_funnel_with_one_candidate_of_each_kind(project: Path, tmp_path: Path) -> None:
    target = next(t for t in testgen.find_targets(_section(project), project) if t.function == "clamp")
    codes = list(CANDIDATES.values())
    backend = ScriptedBackend(codes)
    before = _digest(project / "tests")
    # 20 s: on a loaded 2-core machine one honest candidate run can take more than 8 s, and the funnel
    # would read "timed out" where it expects "failed".
    runner = testrun.Runner(project, project / "tests", repeat=3, timeout=20)
    candidates = testgen.propose([target], backend, runner, attempts=len(codes), root=project)
    assert [c.verdict.status for c in candidates] == list(CANDIDATES)
    section = testgen.TestsSection((target,), tuple(candidates))
    assert section.funnel() == {"targets": 1, "candidates": 6, "parsed": 5, "passed reliably": 2,
                                "increased coverage": 1, "kept": 1}
    kept = section.kept[0]
    low = line_of(CHANGED_CALC, "if value < low")
    assert low + 1 in kept.verdict.covered_lines and (low, low + 1) in kept.verdict.covered_arcs
    assert kept.verdict.runs == 3
    flaky = candidates[3].verdict
    assert flaky.runs == 2 and "on run 2" in flaky.detail
    # Each retry's prompt carries what went wrong with the previous candidate.
    assert "ModuleNotFoundError" in backend.requests[2].user
    assert all(r.purpose == "tests" and r.schema == testgen.SCHEMA for r in backend.requests)
    # The project's tests are exactly as before: no candidate file left behind, nothing changed.
    assert _digest(project / "tests") == before


def test_hanging_candidate_times_out(project: Path) -> None:
    """A candidate that sleeps past the limit is stopped and said to time out; it is not kept or retried."""
    target = next(t for t in testgen.find_targets(_section(project), project) if t.function == "clamp")
    backend = ScriptedBackend([HANGS])
    before = _digest(project / "tests")
    runner = testrun.Runner(project, project / "tests", repeat=3, timeout=3)
    [candidate] = testgen.propose([target], backend, runner, attempts=1, root=project)
    assert candidate.verdict.status == testrun.TIMED_OUT and candidate.verdict.runs == 1
    section = testgen.TestsSection((target,), (candidate,))
    assert section.funnel() == {"targets": 1, "candidates": 1, "parsed": 1, "passed reliably": 0,
                                "increased coverage": 0, "kept": 0}
    assert _digest(project / "tests") == before


def test_write_appends_to_proposed_file_only(project: Path, tmp_path: Path) -> None:
    target = next(t for t in testgen.find_targets(_section(project), project) if t.function == "clamp")
    runner = testrun.Runner(project, project / "tests", repeat=2, timeout=20)
    kept = testgen.propose([target], ScriptedBackend([GOOD]), runner, attempts=1, root=project)
    assert [c.verdict.status for c in kept] == [testrun.KEPT]
    own = (project / "tests" / "test_calc.py").read_bytes()
    template = "tests/test_{module}_proposed.py"
    [path] = proposals.write_kept(kept, project, template)
    assert path == project / "tests" / "test_calc_proposed.py"
    proposals.write_kept(kept, project, template)  # a second run appends, renaming the clash
    text = path.read_text()
    assert text.startswith(proposals.HEADER)
    assert "def test_clamp_below(numbers)" in text and "def test_clamp_below_2(numbers)" in text
    assert (project / "tests" / "test_calc.py").read_bytes() == own
    with pytest.raises(UsageError, match="never changed"):
        proposals.write_kept(kept, project, "tests/test_{module}.py")
    assert (project / "tests" / "test_calc.py").read_bytes() == own
    # What was written is a working test module.
    check = testrun.Runner(project, project / "tests", repeat=1, timeout=20)
    assert check.check(path.read_text(), target.goal).status == testrun.KEPT


def test_interrupted_run_leaves_no_file(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CI cancels with SIGTERM while a candidate runs: its scratch copy is removed, nothing is left in tests/."""
    import os
    import signal
    import tempfile
    import threading

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    target = next(t for t in testgen.find_targets(_section(project), project) if t.function == "clamp")
    code = "import time\n\n\ndef test_x():\n    time.sleep(60)\n"
    runner = testrun.Runner(project, project / "tests", repeat=1, timeout=30)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            runner.check(code, target.goal)
    finally:
        timer.cancel()
    assert testrun.leftover_candidates(project / "tests") == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("reviewer-sandbox-")] == []


def test_cli_without_model_exits_3(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (project / ".reviewer.toml").write_text('[model]\nbackend = "none"\n')
    result = cli("tests", "-C", str(project), "--base", "main")
    assert result.code == 3
    assert "test proposals need a model" in result.err and result.out == ""
    assert not (project / "tests" / "test_calc_proposed.py").exists()


@pytest.mark.slow
def test_end_to_end_through_the_tiny_model(project: Path, cli, request, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if importlib.util.find_spec("reviewer.engine.local") is None:
        pytest.skip("engine not merged yet")
    model = request.getfixturevalue("tiny_model_path")
    # A random-weight model never closes the JSON string on its own: with the real bound (6,000 characters)
    # the engine's truncation retry generates up to 36,015 tokens per target on the CPU (minutes). A short
    # bound makes the grammar close the string soon; the path through model, grammar and runner is the same.
    monkeypatch.setitem(testgen.SCHEMA["properties"]["code"], "maxLength", 100)
    (project / ".reviewer.toml").write_text(f'[model]\nmodel = "{model}"\ndevice = "cpu"\n')
    before = _digest(project / "tests")
    result = cli("tests", "-C", str(project), "--base", "main", "--repeat", "1", "--attempts", "1",
                 "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    funnel = doc["funnel"]
    assert funnel["targets"] == 3 and funnel["candidates"] == 3
    assert funnel["parsed"] >= funnel["passed reliably"] >= funnel["increased coverage"] >= funnel["kept"]
    assert {c["status"] for c in doc["candidates"]} <= {testrun.KEPT, *testrun.REASONS}
    assert _digest(project / "tests") == before


class PerFunctionBackend(ScriptedBackend):
    """Answers the `clamp` target with a good test and every other target with broken code."""

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        self.requests += requests
        return [Completion(json.dumps({"code": GOOD if "Function: clamp" in r.user else "def (:"}))
                for r in requests]


def test_cli_prints_funnel_and_writes(project: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The command's wiring is under test here: the scripted generator stands in for the model.
    backend = PerFunctionBackend([])
    monkeypatch.setattr(testgen, "get_backend", lambda ctx: (backend, []))
    result = cli("tests", "-C", str(project), "--base", "main", "--repeat", "2", "--attempts", "1", "--write")
    assert result.code == 0, result.err
    assert "pkg/calc.py:clamp attempt 1: kept (passed 2 run(s)" in result.out
    assert "pkg/calc.py:describe attempt 1: syntax error" in result.out
    assert ("funnel: targets 3, candidates 3, parsed 1, passed reliably 1, increased coverage 1, kept 1"
            in result.out)
    written = project / "tests" / "test_calc_proposed.py"
    assert "def test_clamp_below(numbers)" in written.read_text() and str(written) in result.err
    md = cli("tests", "-C", str(project), "--base", "main", "--repeat", "1", "--attempts", "1",
             "--format", "markdown")
    assert "<details><summary>Test for <code>pkg/calc.py:clamp</code></summary>" in md.out
