"""The hook entry points in-process, and the plain git hooks through a real `git commit`.

The tasks behind the hooks are stand-ins here (tests/standins: see why there);
test_hooks_precommit.py runs the real tasks under the real pre-commit.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from reviewer import hooks
from reviewer.config import Config, ModelConfig
from reviewer.commands.hooks import BACKUP_SUFFIX, MARKER

from .conftest import ROOT, GitRepo, run_reviewer


@pytest.fixture(autouse=True)
def _fresh_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every test is its own "pre-commit run" for the once-per-run notes.
    key = uuid.uuid4().hex
    monkeypatch.setattr(hooks, "_run_key", lambda: key)


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from reviewer import tasks

    def use(name: str, module: str) -> None:
        monkeypatch.setitem(tasks.REGISTRY, name, f"tests.standins.{module}")

    return use


def _hook(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cwd: Path, name: str,
          *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = hooks.HOOKS[name](list(args))
    cap = capsys.readouterr()
    return code, cap.out, cap.err


# --- backend order --------------------------------------------------------------------------

def test_backend_order_server_then_local_then_rules_only() -> None:
    cfg = Config()
    chosen, note = hooks.choose_backend(cfg, env={"REVIEWER_SERVER": "http://127.0.0.1:9"}, local=lambda: True)
    assert (chosen.model.backend, chosen.model.server, note) == ("openai", "http://127.0.0.1:9", None)
    with_server = Config(model=ModelConfig(server="http://127.0.0.1:7"))
    chosen, _ = hooks.choose_backend(with_server, env={"REVIEWER_SERVER": "http://127.0.0.1:9"}, local=lambda: False)
    assert chosen.model.server == "http://127.0.0.1:9"  # the environment wins, as in engine.get_backend
    chosen, _ = hooks.choose_backend(with_server, env={}, local=lambda: False)
    assert (chosen.model.backend, chosen.model.server) == ("openai", "http://127.0.0.1:7")
    chosen, note = hooks.choose_backend(cfg, env={}, local=lambda: True)
    assert (chosen.model.backend, note) == ("transformers", None)
    chosen, note = hooks.choose_backend(cfg, env={}, local=lambda: False)
    assert chosen.model.backend == "none" and note is not None and "rules only" in note
    off = Config(model=ModelConfig(backend="none"))
    assert hooks.choose_backend(off, env={"REVIEWER_SERVER": "http://x"}, local=lambda: True) == (off, None)


def test_rules_only_note_once_per_run(capsys: pytest.CaptureFixture[str]) -> None:
    hooks.say_once("rules only, say it once")
    hooks.say_once("rules only, say it once")
    hooks.say_once("another note")
    err = capsys.readouterr().err
    assert err.count("rules only, say it once") == 1 and err.count("another note") == 1


# --- reviewer-check -------------------------------------------------------------------------

def _two_bad_files(repo: GitRepo) -> None:
    repo.write("a.py", "x = 1\n")
    repo.write("b.py", "y = 1\n")
    repo.commit("base")
    repo.write("a.py", "x = 1\nz = FORBIDDEN\n")
    repo.write("b.py", "y = 1\nw = FORBIDDEN\n")
    repo.git("add", "-A")


def test_check_reports_path_line_rule_message_and_fails(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("review", "review")
    _two_bad_files(repo)
    code, out, err = _hook(capsys, monkeypatch, repo.path, "check")
    assert code == 1
    assert out.splitlines() == ["a.py:2: standin/forbidden FORBIDDEN is not allowed",
                                "b.py:2: standin/forbidden FORBIDDEN is not allowed"]
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "check", "--fail-level", "none")
    assert code == 0 and "a.py:2:" in out


def test_check_limits_scope_to_the_filenames_given(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("review", "review")
    _two_bad_files(repo)
    # pre-commit calls a hook once per chunk of filenames: each chunk reports only its own files.
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "check", "b.py")
    assert code == 1 and out.splitlines() == ["b.py:2: standin/forbidden FORBIDDEN is not allowed"]
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "check", str(repo.path / "a.py"))  # absolute works too
    assert code == 1 and out.splitlines() == ["a.py:2: standin/forbidden FORBIDDEN is not allowed"]


def test_check_reads_the_index_not_the_working_tree(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("review", "review")
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.write("a.py", "x = 1\ny = 2\n")
    repo.git("add", "a.py")
    repo.write("a.py", "x = 1\ny = 2\nz = FORBIDDEN\n")  # unstaged: not part of the commit
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "check", "a.py")
    assert code == 0 and out == ""


def test_check_picks_the_backend_and_says_rules_only_once(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("review", "review")
    _two_bad_files(repo)
    monkeypatch.setattr(hooks, "transformers_installed", lambda: False)
    for chunk in ("a.py", "b.py"):  # two chunks of one run
        code, out, err = _hook(capsys, monkeypatch, repo.path, "check", chunk)
        assert code == 1 and out.startswith(chunk)
        first = chunk == "a.py"  # notes, the rules-only one included, come once per run
        assert ("stand-in backend=none" in err) == first and err.count("rules only") == first
    monkeypatch.setenv("REVIEWER_SERVER", "http://127.0.0.1:1")
    code, out, err = _hook(capsys, monkeypatch, repo.path, "check", "a.py")
    assert "stand-in backend=openai server=http://127.0.0.1:1" in err and "rules only" not in err


def test_check_errors_are_one_line_with_exit_2(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _hook(capsys, monkeypatch, tmp_path, "check")
    assert code == 2 and err.count("\n") == 1 and err.startswith("reviewer: error: git rev-parse failed")


def test_check_does_not_import_a_model_stack(repo: GitRepo) -> None:
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.write("a.py", "x = 1\ny = 2\n")
    repo.git("add", "a.py")
    probe = ("import sys; from reviewer import hooks; rc = hooks.check_main(['a.py']); "
             "heavy = [m for m in ('torch', 'transformers', 'anthropic', 'xgrammar') if m in sys.modules]; "
             "print('HEAVY', heavy); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=repo.path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout


# --- reviewer-docstrings --------------------------------------------------------------------

def _undocumented(repo: GitRepo) -> None:
    repo.write("m.py", "X = 1\n")
    repo.write("n.py", "Y = 1\n")
    repo.commit("base")
    repo.write("m.py", "X = 1\n\n\ndef add(a, b):\n    return a + b\n")
    repo.write("n.py", "Y = 1\n\n\ndef sub(a, b):\n    return a - b\n")
    repo.git("add", "-A")


def test_docstrings_rewrites_and_fails_then_passes(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("docstrings", "docstrings")
    _undocumented(repo)
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "docstrings", "m.py")
    assert code == 1 and "m.py: docstrings added" in out
    assert '"""Stand-in docstring."""' in (repo.path / "m.py").read_text()
    assert '"""' not in (repo.path / "n.py").read_text()  # not in this chunk
    repo.git("add", "m.py")
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "docstrings", "m.py")
    assert code == 0 and out == ""


def test_docstrings_never_rewrites_a_file_with_unstaged_changes(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("docstrings", "docstrings")
    _undocumented(repo)
    mine = "X = 1\n\n\ndef add(a, b):\n    return a + b  # my unstaged edit\n"
    repo.write("m.py", mine)
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "docstrings")
    assert code == 1
    assert "m.py: has unstaged changes: not rewritten" in out
    assert (repo.path / "m.py").read_text() == mine
    assert "n.py: docstrings added" in out  # the clean file is still handled


def test_docstrings_interrupted_leaves_files_as_they_were(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("docstrings", "docstrings")
    _undocumented(repo)
    before = {p: (repo.path / p).read_bytes() for p in ("m.py", "n.py")}
    os.chmod(repo.path / "m.py", 0o640)
    monkeypatch.setenv("STANDIN_INTERRUPT", "1")  # the task writes one file, then is interrupted
    code, out, err = _hook(capsys, monkeypatch, repo.path, "docstrings")
    assert code == 130 and "interrupted" in err
    assert {p: (repo.path / p).read_bytes() for p in before} == before
    assert (repo.path / "m.py").stat().st_mode & 0o777 == 0o640
    assert not [p for p in repo.path.iterdir() if p.name.endswith(".tmp")]


def test_docstrings_sigterm_also_restores(repo: GitRepo, standin, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    standin("docstrings", "docstrings")
    _undocumented(repo)
    before = (repo.path / "m.py").read_bytes()
    import tests.standins.docstrings as stand_in

    real = stand_in.atomic_write

    def write_then_terminate(path: Path, data: bytes) -> None:
        real(path, data)
        os.kill(os.getpid(), signal.SIGTERM)  # as when pre-commit's process is killed mid-write

    monkeypatch.setattr(stand_in, "atomic_write", write_then_terminate)
    code, _, err = _hook(capsys, monkeypatch, repo.path, "docstrings", "m.py")
    assert code == 130 and "interrupted" in err
    assert (repo.path / "m.py").read_bytes() == before


# --- reviewer-coverage ----------------------------------------------------------------------

def _covered_project(repo: GitRepo) -> tuple[str, str]:
    repo.write("calc.py", "def one():\n    return 1\n")
    base = repo.commit("base")
    repo.write("calc.py", "def one():\n    return 1\n\n\ndef two(x):\n    if x:\n        return 2\n    return 0\n")
    head = repo.commit("change")
    # A real coverage.py run: only `two(1)` is exercised, so `return 0` is missed.
    repo.write("run_it.py", "import calc\ncalc.one()\ncalc.two(1)\n")
    subprocess.run([sys.executable, "-m", "coverage", "run", "--branch", "run_it.py"], cwd=repo.path, check=True)
    subprocess.run([sys.executable, "-m", "coverage", "json", "-o", "coverage.json"], cwd=repo.path, check=True,
                   capture_output=True)
    return base, head


def test_coverage_gate_fails_under_threshold(repo: GitRepo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    base, head = _covered_project(repo)
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", head)
    data = json.loads((repo.path / "coverage.json").read_text())
    assert 8 in data["files"]["calc.py"]["missing_lines"]
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "coverage", "--fail-under", "90", "calc.py")
    assert code == 1 and "diff coverage 75.0% is under --fail-under 90%" in out
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "coverage", "--fail-under", "70", "calc.py")
    assert code == 0 and "calc.py" in out and "under --fail-under" not in out
    # Only the pushed range counts: nothing pushed, nothing to gate.
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", head)
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "coverage", "--fail-under", "90", "calc.py")
    assert code == 0 and "under --fail-under" not in out


def test_coverage_needs_a_coverage_file(repo: GitRepo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo.write("calc.py", "A = 1\n")
    repo.commit("base")
    code, _, err = _hook(capsys, monkeypatch, repo.path, "coverage", "--fail-under", "80", "--from-ref", "HEAD",
                         "--to-ref", "HEAD")
    assert code == 2 and "no coverage data" in err and err.count("\n") == 1
    code, _, err = _hook(capsys, monkeypatch, repo.path, "coverage", "--if-present")
    assert code == 0 and "gate skipped" in err


def test_coverage_says_plainly_when_the_task_is_not_built(repo: GitRepo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reviewer import tasks

    monkeypatch.setitem(tasks.REGISTRY, "coverage", "reviewer.tasks.no_such_module")
    base, head = _covered_project(repo)
    code, _, err = _hook(capsys, monkeypatch, repo.path, "coverage", "--from-ref", base, "--to-ref", head)
    assert code == 2 and "not built yet" in err


# --- install-hooks / uninstall-hooks and the plain git hooks ---------------------------------

def _hooks_env() -> dict[str, str]:
    # The installed scripts run `python -m reviewer.hooks`: point them at this checkout.
    return {**os.environ, "PYTHONPATH": str(ROOT), "REVIEWER_PYTHON": sys.executable}


def test_install_hooks_blocks_a_real_git_commit(repo: GitRepo) -> None:
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    r = run_reviewer("install-hooks", cwd=repo.path, env={"PYTHONPATH": str(ROOT)})
    assert r.code == 0, r
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    assert MARKER in hook.read_text() and os.access(hook, os.X_OK)
    assert (repo.path / ".git" / "hooks" / "pre-push").is_file()
    # The real review task when it is built; a stand-in otherwise (see tests/standins).
    bad = "def load(path):\n    breakpoint()\n    return path\n"  # python-standards/debugger-leftover: error
    env = _hooks_env()
    from reviewer import tasks

    if not _built("review"):
        hook.write_text(hook.read_text().replace(
            "-m reviewer.hooks check",
            "-c 'import sys; from reviewer import tasks; tasks.REGISTRY[\"review\"] = \"tests.standins.review\"; "
            "from reviewer.hooks import main; sys.exit(main([\"check\"]))'"))
        bad = "x = FORBIDDEN\n"
    assert tasks  # imported for the check above
    repo.write("bad.py", bad)
    repo.git("add", "bad.py")
    proc = subprocess.run(["git", "commit", "-m", "bad"], cwd=repo.path, capture_output=True, text=True, env=env)
    assert proc.returncode != 0
    assert "bad.py:" in proc.stdout + proc.stderr
    assert repo.git("log", "--oneline").count("\n") == 1  # nothing committed
    repo.git("rm", "-q", "--cached", "bad.py")
    repo.write("good.py", "y = 2\n")
    repo.git("add", "good.py")
    proc = subprocess.run(["git", "commit", "-m", "good"], cwd=repo.path, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert repo.git("log", "--oneline").count("\n") == 2


def _built(task: str) -> bool:
    import importlib.util

    from reviewer import tasks

    return importlib.util.find_spec(tasks.REGISTRY[task]) is not None


def test_install_refuses_a_foreign_hook_then_force_keeps_a_backup(repo: GitRepo) -> None:
    hooks_dir = repo.path / ".git" / "hooks"
    mine = "#!/bin/sh\necho my own hook\n"
    repo.write(".git/hooks/pre-commit", mine, mode=0o755)
    r = run_reviewer("install-hooks", cwd=repo.path, env={"PYTHONPATH": str(ROOT)})
    assert r.code == 2 and "--force" in r.err and r.err.count("\n") == 1
    assert (hooks_dir / "pre-commit").read_text() == mine
    assert not (hooks_dir / "pre-push").exists()  # nothing half-installed
    r = run_reviewer("install-hooks", "--force", cwd=repo.path, env={"PYTHONPATH": str(ROOT)})
    assert r.code == 0, r
    assert (hooks_dir / ("pre-commit" + BACKUP_SUFFIX)).read_text() == mine
    assert MARKER in (hooks_dir / "pre-commit").read_text()
    # Installing again over its own hooks needs no --force.
    assert run_reviewer("install-hooks", cwd=repo.path, env={"PYTHONPATH": str(ROOT)}).code == 0
    r = run_reviewer("uninstall-hooks", cwd=repo.path, env={"PYTHONPATH": str(ROOT)})
    assert r.code == 0, r
    assert (hooks_dir / "pre-commit").read_text() == mine
    assert not (hooks_dir / ("pre-commit" + BACKUP_SUFFIX)).exists()
    assert not (hooks_dir / "pre-push").exists()


def test_uninstall_leaves_foreign_hooks_alone(repo: GitRepo) -> None:
    mine = "#!/bin/sh\nexit 0\n"
    repo.write(".git/hooks/pre-push", mine, mode=0o755)
    r = run_reviewer("uninstall-hooks", cwd=repo.path, env={"PYTHONPATH": str(ROOT)})
    assert r.code == 0 and "left" in r.out
    assert (repo.path / ".git" / "hooks" / "pre-push").read_text() == mine


def test_install_respects_core_hooks_path_and_worktrees(repo: GitRepo, tmp_path: Path) -> None:
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.git("config", "core.hooksPath", "githooks")
    assert run_reviewer("install-hooks", cwd=repo.path, env={"PYTHONPATH": str(ROOT)}).code == 0
    assert MARKER in (repo.path / "githooks" / "pre-commit").read_text()
    assert not (repo.path / ".git" / "hooks" / "pre-commit").exists()
    repo.git("config", "--unset", "core.hooksPath")
    linked = tmp_path / "linked"
    repo.git("worktree", "add", "-q", str(linked), "-b", "other")
    assert run_reviewer("install-hooks", cwd=linked, env={"PYTHONPATH": str(ROOT)}).code == 0
    # Hooks are shared by all worktrees: they go to the common .git/hooks.
    assert MARKER in (repo.path / ".git" / "hooks" / "pre-commit").read_text()


def test_plain_pre_push_runs_the_coverage_gate(repo: GitRepo, make_repo) -> None:  # type: ignore[no-untyped-def]
    remote = make_repo("remote.git")
    remote.git("config", "receive.denyCurrentBranch", "ignore")
    repo.git("remote", "add", "origin", str(remote.path))
    base, _ = _covered_project(repo)
    repo.git("reset", "-q", "--hard", base)  # push the base first
    repo.git("push", "-q", "origin", "main")
    repo.git("reset", "-q", "--hard", "HEAD@{1}")
    assert run_reviewer("install-hooks", cwd=repo.path, env={"PYTHONPATH": str(ROOT)}).code == 0
    repo.write("pyproject.toml", "[tool.reviewer.coverage]\nfile = 'coverage.json'\nfail_under = 90\n")
    proc = subprocess.run(["git", "push", "origin", "main"], cwd=repo.path, capture_output=True, text=True,
                          env=_hooks_env())
    assert proc.returncode != 0, proc.stderr
    assert "under --fail-under 90%" in proc.stdout + proc.stderr
    repo.write("pyproject.toml", "[tool.reviewer.coverage]\nfile = 'coverage.json'\nfail_under = 50\n")
    proc = subprocess.run(["git", "push", "origin", "main"], cwd=repo.path, capture_output=True, text=True,
                          env=_hooks_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- the rules-only result cache ------------------------------------------------------------

TEAM_RULE = """id: team/no-forbidden
title: No FORBIDDEN
severity: {severity}
language: python
description: The name FORBIDDEN must not be used.
rule:
  pattern: FORBIDDEN
"""


def test_rules_only_rerun_is_answered_from_the_cache_until_something_changes(
        repo: GitRepo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reviewer import pipeline

    calls: list[int] = []
    real_run = pipeline.run

    def counting_run(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real_run(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run", counting_run)
    repo.write(".reviewer/rules/no-forbidden.yaml", TEAM_RULE.format(severity="error"))
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.write("a.py", "x = 1\ny = FORBIDDEN\n")
    repo.git("add", "a.py")
    first = _hook(capsys, monkeypatch, repo.path, "check", "--no-model", "a.py")
    assert first[0] == 1 and first[1] == "a.py:2: team/no-forbidden No FORBIDDEN\n", first
    again = _hook(capsys, monkeypatch, repo.path, "check", "--no-model", "a.py")
    assert again[:2] == first[:2] and len(calls) == 1  # same answer, rules not run again
    assert not repo.git("status", "--porcelain", "--untracked-files=all").count("cache")  # kept in .git
    # A changed rule file, a changed staged diff, or --no-cache: the rules run again.
    repo.write(".reviewer/rules/no-forbidden.yaml", TEAM_RULE.format(severity="info"))
    assert _hook(capsys, monkeypatch, repo.path, "check", "--no-model", "a.py")[0] == 0 and len(calls) == 2
    repo.write("a.py", "x = 1\n")
    repo.git("add", "a.py")
    code, out, _ = _hook(capsys, monkeypatch, repo.path, "check", "--no-model", "a.py")
    assert code == 0 and out == "" and len(calls) == 3
    _hook(capsys, monkeypatch, repo.path, "check", "--no-model", "--no-cache", "a.py")
    assert len(calls) == 4


def test_push_range_for_existing_and_new_branches(repo: GitRepo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "x = 1\n")
    base = repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("a.py", "x = 2\n")
    tip = repo.commit("tip")
    repo.git("checkout", "-q", "main")  # pushing a branch that is not checked out
    monkeypatch.delenv("PRE_COMMIT_FROM_REF", raising=False)
    monkeypatch.delenv("PRE_COMMIT_TO_REF", raising=False)
    assert hooks._push_mode(repo.path, base, tip).range == f"{base}...{tip}"
    # A new branch (the remote side is all zeros): against the default base, up to the pushed commit.
    assert hooks._push_mode(repo.path, "0" * 40, tip).range == f"main...{tip}"
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", tip)
    assert hooks._push_mode(repo.path, None, None).range == f"{base}...{tip}"
    monkeypatch.delenv("PRE_COMMIT_FROM_REF")
    monkeypatch.delenv("PRE_COMMIT_TO_REF")
    assert hooks._push_mode(repo.path, None, None).base == ""
