"""coverage_data: the three formats of real coverage.py data, path remapping, staleness, bad files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reviewer import coverage_data
from reviewer.errors import UsageError
from tests.covproject import CHANGED_CALC, copy_project, line_of, make_project, run_coverage

FORMATS = (".coverage", "coverage.json", "coverage.xml")


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project after a real `coverage run --branch -m pytest` (shared: read-only)."""
    root = make_project(tmp_path_factory.mktemp("cov") / "project")
    run_coverage(root)
    return root


@pytest.fixture(scope="module")
def lines_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("cov") / "project")
    run_coverage(root, branch=False)
    return root


def test_three_formats_agree(measured: Path) -> None:
    loaded = [coverage_data.load(measured / name, measured) for name in FORMATS]
    assert [d.kind for d in loaded] == ["sqlite", "json", "xml"]
    assert all(d.branch for d in loaded)
    first = loaded[0].files["pkg/calc.py"]
    for other in loaded[1:]:
        assert other.files["pkg/calc.py"] == first
    assert set(loaded[0].files) == set(loaded[1].files) == set(loaded[2].files)
    # The quick XML path (no executed-arc analysis) finds the same missing arcs, exits included.
    quick = coverage_data.load(measured / "coverage.xml", measured, executed_arcs=False)
    for path, fc in quick.files.items():
        assert fc.missing_arcs == loaded[0].files[path].missing_arcs and fc.executed_arcs is None
        assert (fc.executed, fc.missing) == (loaded[0].files[path].executed, loaded[0].files[path].missing)


def test_records_say_what_coverage_measured(measured: Path) -> None:
    fc = coverage_data.load(measured / ".coverage", measured).files["pkg/calc.py"]
    low = line_of(CHANGED_CALC, "if value < low")
    assert low in fc.executed and low + 1 in fc.missing  # `return low` never ran
    assert (low, low + 1) in fc.missing_arcs and (low, low + 2) in fc.executed_arcs
    loop = line_of(CHANGED_CALC, "for item in items")
    func = line_of(CHANGED_CALC, "def first_even")
    # The loop never ran out of items: coverage's negative arc, an exit from first_even.
    assert (loop, -func) in fc.missing_arcs
    describe = line_of(CHANGED_CALC, "if x:", start_after="def describe")
    assert describe in fc.missing and {describe + 1, describe + 2} <= fc.missing
    # The json report is coverage's own analysis: the sqlite path computes the same arcs.
    doc = json.loads((measured / "coverage.json").read_text())["files"]["pkg/calc.py"]
    assert sorted(map(tuple, doc["missing_branches"])) == sorted(fc.missing_arcs)


def test_line_only_data_has_no_arcs(lines_only: Path) -> None:
    for name in FORMATS:
        data = coverage_data.load(lines_only / name, lines_only)
        assert not data.branch, name
        fc = data.files["pkg/calc.py"]
        assert fc.missing_arcs is None and fc.executed_arcs is None
        assert line_of(CHANGED_CALC, "return low") in fc.missing


@pytest.mark.parametrize("canonical, pattern", [
    ("{moved}/", "{measured}/"),  # absolute both ways
    ("./", "{measured}/"),  # relative canonical form, resolved against the repository, not the cwd
    ("pkg/", "*/project/pkg/"),  # the usual CI form: a glob for wherever the checkout was
])
def test_paths_remapped_with_coverage_paths_setting(measured: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    canonical: str, pattern: str) -> None:
    moved = copy_project(measured, tmp_path / "elsewhere")
    monkeypatch.chdir(tmp_path)  # not the repository: nothing may depend on the working folder
    # Measured elsewhere (as in CI): without [paths] nothing maps into this repository...
    for name in (".coverage",):
        data = coverage_data.load(moved / name, moved)
        assert "pkg/calc.py" not in data.files
        assert any(p.endswith("calc.py") for p in data.outside)
    # ...with coverage's [paths] remapping, every format lands on the same repository path.
    where = {"moved": moved, "measured": measured}
    (moved / ".coveragerc").write_text(
        f"[paths]\nsource =\n    {canonical.format(**where)}\n    {pattern.format(**where)}\n")
    expected = coverage_data.load(measured / ".coverage", measured).files["pkg/calc.py"]
    for name in FORMATS:
        data = coverage_data.load(moved / name, moved)
        assert data.files["pkg/calc.py"] == expected, name


def test_xml_sources_relative_to_another_folder(measured: Path, tmp_path: Path) -> None:
    # A report kept in a subfolder still maps through its <source> element.
    moved = copy_project(measured, tmp_path / "p")
    (moved / "reports").mkdir()
    shutil.move(str(moved / "coverage.xml"), moved / "reports" / "coverage.xml")
    text = (moved / "reports" / "coverage.xml").read_text().replace(str(measured), str(moved))
    (moved / "reports" / "coverage.xml").write_text(text)
    data = coverage_data.load(moved / "reports" / "coverage.xml", moved)
    assert "pkg/calc.py" in data.files


def test_stale_data_is_detected(measured: Path, tmp_path: Path) -> None:
    moved = copy_project(measured, tmp_path / "p")
    data = coverage_data.load(moved / "coverage.json", moved)
    assert coverage_data.stale_files(data, moved, ["pkg/calc.py"]) == []
    calc = moved / "pkg" / "calc.py"
    calc.write_text("# a new header\n\n\n" + calc.read_text())
    assert coverage_data.stale_files(data, moved, ["pkg/calc.py", "pkg/__init__.py"]) == ["pkg/calc.py"]


@pytest.mark.parametrize("name, content", [
    (".coverage", b"SQLite format 3\0" + b"\x00garbage" * 50),
    ("coverage.json", b'{"files": {"a.py": '),
    ("coverage.json", b'{"meta": {}, "files": {"a.py": {"executed_lines": "x"}}}'),
    ("coverage.xml", b"<coverage><packages><package"),
    ("coverage.xml", b"<html></html>"),
    ("data.txt", b"hello"),
])
def test_corrupt_files_are_usage_errors(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UsageError) as info:
        coverage_data.load(tmp_path / name, tmp_path)
    assert "\n" not in info.value.message and name in info.value.message


def test_locate(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no coverage data"):
        coverage_data.locate(tmp_path, None)
    with pytest.raises(UsageError, match="nope.xml not found"):
        coverage_data.locate(tmp_path, "nope.xml")
    (tmp_path / "coverage.xml").write_text("<coverage/>")
    (tmp_path / "coverage.json").write_text("{}")
    assert coverage_data.locate(tmp_path, None).name == "coverage.json"  # .coverage, then json, then xml


def test_sqlite_file_that_is_not_coverage_data(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / ".coverage"
    with sqlite3.connect(db) as conn:
        conn.execute("create table notes (text)")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(UsageError, match="cannot read coverage data"):
        coverage_data.load(db, tmp_path)
    assert db.read_bytes() == before  # coverage would have added its tables to the user's file


def test_json_without_branch_arrays_is_line_coverage(measured: Path, tmp_path: Path) -> None:
    # coverage before 6.5 wrote branch_coverage true but no executed/missing_branches arrays.
    doc = json.loads((measured / "coverage.json").read_text())
    for entry in doc["files"].values():
        entry.pop("executed_branches")
        entry.pop("missing_branches")
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc))
    data = coverage_data.load(old, measured)
    assert not data.branch and "no branch arrays" in data.notes[0]
    assert data.files["pkg/calc.py"].missing == coverage_data.load(measured / "coverage.json", measured).files[
        "pkg/calc.py"].missing
