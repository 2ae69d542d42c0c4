"""`reviewer coverage`: diff coverage from real coverage.py runs, checked against diff-cover."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.covproject import CHANGED_CALC, copy_project, line_of, make_project, measured, project, run_coverage  # noqa: F401 (fixtures)

DIFF_COVER = Path(sys.executable).parent / "diff-cover"




@pytest.mark.skipif(not DIFF_COVER.exists(), reason="diff-cover is not installed in this environment")
def test_line_numbers_equal_diff_cover(measured: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "diff-cover.json"
    proc = subprocess.run([str(DIFF_COVER), "coverage.xml", "--compare-branch", "main", "--total-percent-float",
                           f"--format=json:{out}"], cwd=measured, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    reference = json.loads(out.read_text())
    ours = cli("coverage", "-C", str(measured), "--base", "main", "--coverage-file", "coverage.xml",
               "--format", "json")
    assert ours.code == 0, ours.err
    doc = json.loads(ours.out)
    assert doc["measured_lines"] == reference["total_num_lines"]
    assert doc["measured_lines"] - doc["covered_lines"] == reference["total_num_violations"]
    assert doc["percent_covered"] == reference["total_percent_covered"]
    theirs = {path: sorted(s["violation_lines"]) for path, s in reference["src_stats"].items()}
    assert {f["path"]: f["uncovered_lines"] for f in doc["files"]} == theirs
    assert theirs["pkg/calc.py"]  # the fixture does leave changed lines uncovered


def test_text_report_shows_lines_and_arcs(measured: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("coverage", "-C", str(measured), "--base", "main")
    assert result.code == 0, result.err
    low = line_of(CHANGED_CALC, "if value < low")
    loop = line_of(CHANGED_CALC, "for item in items")
    assert f"line {low} never jumped to line {low + 1}" in result.out
    assert f"line {loop} never returned from the function" in result.out
    describe = line_of(CHANGED_CALC, "if x:", start_after="def describe")
    assert f"{describe}-{describe + 2}" in result.out  # the never-called function's lines, as a range
    assert "diff coverage:" in result.out


def test_formats_and_fail_under(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    as_json = cli("coverage", "-C", str(project), "--base", "main", "--format", "json")
    doc = json.loads(as_json.out)
    percent = doc["percent_covered"]
    assert 0 < percent < 100 and doc["format"] == "json" and doc["branch_coverage"] is True
    assert any(a["message"].endswith("never returned from the function")
               for f in doc["files"] for a in f["missing_arcs"])
    md = cli("coverage", "-C", str(project), "--base", "main", "--format", "markdown")
    assert md.code == 0 and "| `pkg/calc.py` |" in md.out
    below = cli("coverage", "-C", str(project), "--base", "main", "--fail-under", str(percent + 1))
    assert below.code == 1 and "below --fail-under" in below.err
    at = cli("coverage", "-C", str(project), "--base", "main", "--fail-under", str(percent))
    assert at.code == 0


def test_fail_under_from_config(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (project / ".reviewer.toml").write_text("[coverage]\nfail_under = 99.5\nfile = \"coverage.xml\"\n")
    result = cli("coverage", "-C", str(project), "--base", "main")
    assert result.code == 1 and "(xml)" in result.out


def test_line_only_data_says_so(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "lines")
    run_coverage(root, branch=False)
    result = cli("coverage", "-C", str(root), "--base", "main")
    assert result.code == 0
    assert "line coverage only" in result.out and "never jumped" not in result.out


def test_stale_data_warns_with_file_names(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    calc = project / "pkg" / "calc.py"
    calc.write_text("# moved down by a header\n\n" + calc.read_text())
    result = cli("coverage", "-C", str(project), "--base", "main")
    assert result.code == 0
    assert "warning: coverage data is older than the source" in result.err and "pkg/calc.py" in result.err


def test_missing_and_corrupt_files_exit_2(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    missing = cli("coverage", "-C", str(project), "--base", "main", "--coverage-file", "nope.xml")
    assert missing.code == 2 and missing.err.count("\n") == 1 and "nope.xml not found" in missing.err
    (project / "coverage.json").unlink()
    (project / "coverage.xml").write_text("<coverage><packages>")
    corrupt = cli("coverage", "-C", str(project), "--base", "main")
    assert corrupt.code == 2 and corrupt.err.startswith("reviewer: error: cannot read coverage xml")
    (project / "coverage.xml").unlink()
    none = cli("coverage", "-C", str(project), "--base", "main")
    assert none.code == 2 and "no coverage data" in none.err and "Traceback" not in none.err


def test_empty_diff_still_checks_the_data(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    ok = cli("coverage", "-C", str(project), "--range", "HEAD..HEAD")
    assert ok.code == 0 and "nothing to check" in ok.out
    (project / "coverage.json").unlink()
    (project / "coverage.xml").unlink()
    assert cli("coverage", "-C", str(project), "--range", "HEAD..HEAD").code == 2


# --- the README's example -------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("example") / "repo"
    subprocess.run([sys.executable, str(ROOT / "examples" / "build.py"), str(dest)], check=True,
                   capture_output=True)
    return dest


def test_example_shows_uncovered_lines_and_arcs(example: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("coverage", "-C", str(example))
    assert result.code == 0, result.err
    stats = (example / "acme_tools" / "stats.py").read_text()
    low = line_of(stats, "if value < low")
    high = line_of(stats, "if value > high")
    assert f"line {low} never jumped to line {low + 1}" in result.out
    assert f"line {high} never jumped to line {high + 1}" in result.out
    assert "acme_tools/tokens.py: 0.00%" in result.out
    assert "older than the source" not in result.err


def test_shipped_example_report_matches_a_real_run(example: Path, tmp_path: Path) -> None:
    pytest.importorskip("pytest")
    fresh = copy_project(example, tmp_path / "fresh")
    spec = importlib.util.spec_from_file_location("example_build", ROOT / "examples" / "build.py")
    assert spec is not None and spec.loader is not None
    example_build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example_build)
    shipped = json.loads((ROOT / "examples" / "coverage.json").read_text())["files"]
    measured = json.loads(example_build.measure(fresh).read_text())["files"]
    keys = ("executed_lines", "missing_lines", "executed_branches", "missing_branches")
    assert {p: [f[k] for k in keys] for p, f in measured.items()} == {p: [f[k] for k in keys] for p, f in shipped.items()}
    shutil.rmtree(fresh)
