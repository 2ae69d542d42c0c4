"""The hooks under the real pre-commit framework, in temporary git repositories.

pre-commit clones this checkout (a committed snapshot of it, so uncommitted and
untracked work is included) and pip-installs it into a virtualenv, once per
test session in a session-scoped PRE_COMMIT_HOME. The repositories' configs are
the copy-paste snippets from docs/hooks.md.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer import tasks

from .conftest import ROOT, GitRepo, serving

pytestmark = pytest.mark.slow


def _built(task: str) -> bool:
    return importlib.util.find_spec(tasks.REGISTRY[task]) is not None


def _needs(task: str, branch: str):  # type: ignore[no-untyped-def]
    return pytest.mark.skipif(not _built(task), reason=f"the {task!r} task is not built on this branch "
                                                       f"(merge `{branch}`)")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A committed snapshot of this checkout: (path, rev) for `repo:` / `rev:`."""
    snap = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (snap / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / rel)
    ident = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", *ident, *args], cwd=snap, check=True, capture_output=True)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=snap, capture_output=True, check=True, text=True)
    return str(snap), rev.stdout.strip()


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment per session: pip-installing reviewer is the slow part."""
    return tmp_path_factory.mktemp("pre-commit-home")


def snippet(title: str, doc: str = "docs/hooks.md") -> str:
    """The YAML block under a '### ...title...' heading of DOC (relative to the checkout)."""
    text = (ROOT / doc).read_text()
    section = text.split("### ")
    body = next(s for s in section if title in s.partition("\n")[0].lower())
    return re.search(r"```yaml\n(.*?)```", body, re.S).group(1)  # type: ignore[union-attr]


PUSH_HOOKS = snippet("pre-push gates")


def configure(repo: GitRepo, hook_repo: tuple[str, str], yaml: str) -> None:
    path, rev = hook_repo
    yaml = re.sub(r"repo: \S+", f"repo: {path}", yaml)
    yaml = re.sub(r"rev: \S+", f"rev: {rev}", yaml)
    repo.write(".pre-commit-config.yaml", yaml)


class Runner:
    def __init__(self, repo: GitRepo, home: Path) -> None:
        self.repo, self.home = repo, home

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REVIEWER_SERVER")}
        return {**env, "PRE_COMMIT_HOME": str(self.home), "PRE_COMMIT_COLOR": "never"}

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "pre_commit", *args] if args[0] != "git" else list(args)
        return subprocess.run(cmd, cwd=self.repo.path, capture_output=True, text=True, env=self.env(), timeout=900)


OFFLINE = ("NewConnectionError", "Temporary failure in name resolution", "No matching distribution found",
           "Could not find a version that satisfies")


@pytest.fixture(scope="session")
def hook_env(hook_repo: tuple[str, str], precommit_home: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Build the hook environment once (pip from the package index), or skip where no index is reachable."""
    scratch = GitRepo(tmp_path_factory.mktemp("env-build") / "repo")
    configure(scratch, hook_repo, snippet("rules only") + PUSH_HOOKS)
    env = {**Runner(scratch, precommit_home).env(), "GIT_CONFIG_NOSYSTEM": "1"}
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=scratch.path, env=env,
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        log = proc.stdout + proc.stderr
        log_file = precommit_home / "pre-commit.log"
        if log_file.exists():
            log += log_file.read_text(errors="replace")
        if any(sign in log for sign in OFFLINE):
            pytest.skip("pre-commit could not pip-install the hook environment: no package index reachable")
        raise AssertionError(f"pre-commit install-hooks failed:\n{log[-4000:]}")


@pytest.fixture
def precommit(repo: GitRepo, hook_repo: tuple[str, str], precommit_home: Path, hook_env: None) -> Runner:
    """A new repository with the README's snippet, installed as its git pre-commit hook."""
    repo.write("README.md", "demo\n")
    configure(repo, hook_repo, snippet("before you commit", "README.md"))
    repo.commit("base")
    run = Runner(repo, precommit_home)
    proc = run("install", "--hook-type", "pre-commit", "--hook-type", "pre-push")
    assert proc.returncode == 0, proc.stderr
    return run


def _head(repo: GitRepo) -> str:
    return repo.git("rev-parse", "HEAD").strip()


def test_clean_change_is_committed_and_rules_only_is_said(precommit: Runner) -> None:
    repo = precommit.repo
    before = _head(repo)
    repo.write("calc.py", "def double(x: int) -> int:\n    \"\"\"Twice x.\"\"\"\n    return 2 * x\n")
    repo.git("add", "calc.py")
    proc = precommit("git", "commit", "-m", "clean")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert re.search(r"reviewer \(rules and model on the staged diff\)\.+Passed", out)
    assert _head(repo) != before
    # The hook environment has no transformers: the hook says it runs rules only.
    repo.write("calc.py", "def double(x: int) -> int:\n    \"\"\"Twice x.\"\"\"\n    return x + x\n")
    repo.git("add", "calc.py")
    proc = precommit("run", "reviewer-check", "--verbose")
    assert proc.returncode == 0 and "rules only" in proc.stdout, proc.stdout


def test_a_passing_commit_still_shows_the_check_hooks_notes_and_warnings(precommit: Runner) -> None:
    """pre-commit hides a passing hook's output unless the hook is `verbose: true` (as reviewer-check is)."""
    repo = precommit.repo
    repo.write("names.py", "def keep(rows):\n    \"\"\"Keep them.\"\"\"\n    backup = rows[:-1]\n"
                           "    return backup\n")
    repo.git("add", "names.py")
    proc = precommit("git", "commit", "-m", "passes with an info finding")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert re.search(r"reviewer \(rules and model on the staged diff\)\.+Passed", out)
    assert "rules only" in out  # the note, shown without --verbose
    assert re.search(r"^names\.py:3: off-by-one/slice-drops-last", out, re.M), out  # the (info) finding too


@_needs("review", "rules")
def test_staged_violation_fails_the_commit_with_the_finding(precommit: Runner) -> None:
    repo = precommit.repo
    before = _head(repo)
    # python-standards/debugger-leftover (error) on line 6
    repo.write("app.py", "import hashlib\n\n\ndef digest(data: bytes) -> str:\n"
                         "    \"\"\"Hex digest.\"\"\"\n    breakpoint()\n    return hashlib.sha256(data).hexdigest()\n")
    repo.git("add", "app.py")
    proc = precommit("git", "commit", "-m", "bad")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert re.search(r"reviewer \(rules and model on the staged diff\)\.+Failed", out)
    assert re.search(r"^app\.py:6: \S+ .+", out, re.M), out
    assert _head(repo) == before


@_needs("review", "rules")
def test_unstaged_violation_is_stashed_and_kept(precommit: Runner) -> None:
    repo = precommit.repo
    repo.write("app.py", "VALUE = 1\n")
    repo.git("add", "app.py")
    unstaged = "VALUE = 1\nbreakpoint()  # error-level: it would fail the commit if the hook saw it\n"
    repo.write("app.py", unstaged)
    proc = precommit("git", "commit", "-m", "clean part only")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (repo.path / "app.py").read_text() == unstaged  # pre-commit's stash put it back
    assert repo.git("show", "HEAD:app.py") == "VALUE = 1\n"


@_needs("docstrings", "docstrings")
def test_docstrings_hook_without_a_model_passes_the_commit_with_its_list(precommit: Runner) -> None:
    # The default hook environment has no model: no name-only prose is written (#15); the commit goes
    # through, and the list is shown (the hook is `verbose`), with what to do to get docstrings written.
    repo = precommit.repo
    before = _head(repo)
    repo.write("calc.py", "def add(a: int, b: int) -> int:\n    return a + b\n")
    repo.git("add", "calc.py")
    proc = precommit("git", "commit", "-m", "undocumented")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert _head(repo) != before
    assert "calc.py:1: add (function) has no docstring" in out and "REVIEWER_SERVER" in out
    assert (repo.path / "calc.py").read_text() == "def add(a: int, b: int) -> int:\n    return a + b\n"


@_needs("docstrings", "docstrings")
def test_missing_docstring_is_added_and_fails_then_passes(precommit: Runner) -> None:
    # Name-only text only when the template generator is configured.
    repo = precommit.repo
    repo.write(".reviewer.toml", '[docstrings]\ngenerator = "template"\n')
    repo.commit("template docstrings")
    before = _head(repo)
    repo.write("calc.py", "def add(a: int, b: int) -> int:\n    return a + b\n")
    repo.git("add", "calc.py")
    proc = precommit("git", "commit", "-m", "undocumented")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "files were modified by this hook" in out, out
    assert _head(repo) == before
    text = (repo.path / "calc.py").read_text()
    assert '"""' in text and "return a + b" in text
    repo.git("add", "calc.py")
    proc = precommit("git", "commit", "-m", "documented")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (repo.path / "calc.py").read_text() == text


@_needs("coverage", "coverage")
def test_pre_push_coverage_gate_fails_under_the_threshold(precommit: Runner, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = precommit.repo
    remote = make_repo("remote.git")
    remote.git("config", "receive.denyCurrentBranch", "ignore")
    repo.git("remote", "add", "origin", str(remote.path))
    config = (repo.path / ".pre-commit-config.yaml").read_text() + PUSH_HOOKS.replace('"80"', '"90"')
    repo.write(".pre-commit-config.yaml", config)
    repo.write(".gitignore", ".coverage\ncoverage.*\n")
    repo.commit("push gates", add=True)
    precommit("git", "push", "-q", "origin", "main")  # the remote knows the base (nothing new to gate)
    repo.write("calc.py", "def two(x):\n    \"\"\"Two or zero.\"\"\"\n    if x:\n        return 2\n    return 0\n")
    repo.write("run_it.py", "import calc\nassert calc.two(1) == 2\n")
    repo.commit("change")
    subprocess.run([sys.executable, "-m", "coverage", "run", "--branch", "run_it.py"], cwd=repo.path, check=True)
    subprocess.run([sys.executable, "-m", "coverage", "xml", "-o", "coverage.xml"], cwd=repo.path, check=True,
                   capture_output=True)
    proc = precommit("git", "push", "origin", "main")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert re.search(r"reviewer diff coverage\.+Failed", out) and "under --fail-under 90%" in out


def test_manifest_is_valid_and_every_hook_is_serial_and_typed() -> None:
    import yaml

    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    by_id = {h["id"]: h for h in manifest}
    assert set(by_id) == {"reviewer-check", "reviewer-docstrings", "reviewer-coverage", "reviewer-tests"}
    for hook in manifest:
        assert hook["language"] == "python" and hook["require_serial"] is True
        assert hook.get("types") or hook.get("types_or")
        assert hook["minimum_pre_commit_version"]
    assert by_id["reviewer-coverage"]["stages"][0] == "pre-push"
    assert set(by_id["reviewer-tests"]["stages"]) == {"pre-push", "manual"}


def test_install_hooks_from_an_installed_wheel(precommit: Runner, make_repo) -> None:  # type: ignore[no-untyped-def]
    """The hook environment holds reviewer installed by pip, not a checkout: the scripts come from its data files."""
    assert precommit("install-hooks").returncode == 0  # builds the environment if no test did yet
    pythons = sorted(precommit.home.glob("repo*/py_env-*/bin/python"))
    assert pythons, "pre-commit built no environment"
    other = make_repo("other")
    env = precommit.env()
    proc = subprocess.run([str(pythons[0]), "-m", "reviewer", "install-hooks"], cwd=other.path, capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    hook = other.path / ".git" / "hooks" / "pre-commit"
    assert f'REVIEWER_PYTHON:-{pythons[0]}' in hook.read_text()
    # No torch in the light hook environment.
    proc = subprocess.run([str(pythons[0]), "-c", "import importlib.util as u; print(u.find_spec('torch'))"],
                          capture_output=True, text=True)
    assert proc.stdout.strip() == "None"


@pytest.mark.parametrize("title", ["rules only", "a model server", "in-process model"])
def test_every_documented_setup_is_a_valid_config(title: str, repo: GitRepo, hook_repo: tuple[str, str],
                                                  precommit_home: Path) -> None:
    configure(repo, hook_repo, snippet(title) + PUSH_HOOKS)
    text = (repo.path / ".pre-commit-config.yaml").read_text()
    assert "reviewer-check" in text and "reviewer-coverage" in text
    if title == "in-process model":
        assert "additional_dependencies: ['reviewer[local]']" in text
    proc = Runner(repo, precommit_home)("validate-config", ".pre-commit-config.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@_needs("docstrings", "docstrings")
def test_docstrings_hook_never_loses_unstaged_work(precommit: Runner) -> None:
    repo = precommit.repo
    repo.write("calc.py", "X = 1\n")
    repo.write(".reviewer.toml", '[docstrings]\ngenerator = "template"\n')  # the hook writes without a model
    repo.commit("calc")
    staged = "X = 1\n\n\ndef add(a: int, b: int) -> int:\n    return a + b\n"
    repo.write("calc.py", staged)
    repo.git("add", "calc.py")
    mine = staged.replace("X = 1", "X = 2  # unstaged work in progress")
    repo.write("calc.py", mine)
    proc = precommit("git", "commit", "-m", "add")
    assert proc.returncode != 0  # the hook documented the staged version: the commit does not go through
    text = (repo.path / "calc.py").read_text()
    assert "X = 2  # unstaged work in progress" in text  # pre-commit's stash came back
    assert repo.git("show", ":calc.py").startswith("X = 1\n")  # the index is untouched


@pytest.fixture
def model_server(tiny_model_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """`reviewer serve` with the tiny random model on a free loopback port (the server set-up)."""
    with serving(tiny_model_path, tmp_path) as url:
        yield url


@_needs("review", "rules")
def test_light_hook_environment_uses_the_model_server(precommit: Runner, model_server: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No torch in the hook's environment, yet model review happens: through REVIEWER_SERVER."""
    repo = precommit.repo
    # A judge-only team rule: only the model can apply it.
    repo.write(".reviewer/rules/names.yaml", "id: team/clear-names\ntitle: Clear names\nseverity: info\n"
               "language: python\ndescription: Names say what a value holds.\n"
               "judge: Does the changed code use a one-letter name for a value that lives more than a line?\n")
    repo.write("app.py", "def total(items):\n    \"\"\"Sum.\"\"\"\n    s = 0\n"
                         "    for i in range(len(items) - 1):\n        s += items[i]\n    return s\n")
    repo.git("add", "app.py")
    monkeypatch.setenv("REVIEWER_SERVER", model_server)
    env = {**precommit.env(), "REVIEWER_SERVER": model_server}
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "run", "reviewer-check", "--verbose"],
                          cwd=repo.path, capture_output=True, text=True, env=env, timeout=600)
    out = proc.stdout + proc.stderr
    assert f"using server {model_server}" in out, out
    assert "rules only" not in out
    assert re.search(r"^app\.py:4: off-by-one/\S+ ", out, re.M), out  # the rules still run alongside
