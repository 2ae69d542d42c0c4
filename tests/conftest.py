"""Shared fixtures: real git repositories in temporary folders, the CLI in-process."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Union

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the same git identity and none of the user's git config."""
    home = tmp_path_factory.getbasetemp() / "gitconfig"
    home.mkdir(exist_ok=True)
    cfg = home / "config"
    if not cfg.exists():
        cfg.write_text("[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n"
                       "[protocol \"file\"]\n\tallow = always\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(cfg))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("REVIEWER_SERVER", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # no test may download anything


class GitRepo:
    """A real git repository in a temporary folder, with small helpers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(["git", *args], cwd=self.path, capture_output=True, check=False)
        if check and proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr.decode(errors='replace')}")
        return proc.stdout.decode("utf-8", errors="replace")

    def write(self, rel: str, content: Union[str, bytes], mode: int | None = None) -> Path:
        p = self.path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            p.write_bytes(content.encode("utf-8"))
        else:
            p.write_bytes(content)
        if mode is not None:
            os.chmod(p, mode)
        return p

    def commit(self, message: str = "commit", add: bool = True) -> str:
        if add:
            self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


@pytest.fixture
def make_repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(name: str = "repo") -> GitRepo:
        return GitRepo(tmp_path / name)

    return make


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `reviewer ARGS...` in-process through the real entry point."""
    from reviewer.cli import main

    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def spy(monkeypatch, owner: Any, name: str, record: Callable[..., Any]) -> list[Any]:  # type: ignore[no-untyped-def]
    """Wrap `owner.name` so the real function still runs; each call appends `record(*args, **kwargs)`.

    A spy, not a mock: tests use it to count the work done (parses, matches, git reads), never to fake it.
    """
    calls: list[Any] = []
    real = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(record(*args, **kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def feature_branch(repo: GitRepo, files: dict[str, str], base: dict[str, str] | None = None) -> None:
    """A base commit (a README and `base`), then a `feature` branch whose one commit writes `files`."""
    for path, text in {"README": "x\n", **(base or {})}.items():
        repo.write(path, text)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    for path, text in files.items():
        repo.write(path, text)
    repo.commit("change")


def team_rule(tmp_path: Path, severity: str = "warning") -> tuple[Path, str]:
    """A rule file in a team pack `team/`, and the head of a valid rule (`id: r`, pattern `foo()`) to write
    into it with the keys under test."""
    pack = tmp_path / "team"
    pack.mkdir()
    return pack / "r.yaml", f"id: r\ntitle: t\nseverity: {severity}\ndescription: d\nrule: {{pattern: foo()}}\n"


def review_json(cli, repo: GitRepo, *extra: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """`reviewer review --no-model --base main --format json` through the `cli` fixture; the parsed report."""
    r = cli("review", "--no-model", "--base", "main", "--format", "json", "--fail-level", "none", *extra,
            cwd=repo.path)
    assert r.code == 0, r
    return json.loads(r.out)  # type: ignore[no-any-return]


def run_reviewer(*args: str, cwd: Path, input: bytes | None = None, env: dict[str, str] | None = None) -> CliResult:
    """Run the installed console entry in a subprocess (for start-up and traceback checks)."""
    proc = subprocess.run([sys.executable, "-m", "reviewer", *args], cwd=cwd, input=input, capture_output=True,
                          env={**os.environ, **(env or {})}, check=False)
    return CliResult(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight Qwen2 model folder with a ChatML tokenizer (tests/tiny_model.py).

    Built once per test session on the spot: nothing is downloaded. Pass it
    as `--model PATH` or ModelConfig(model=str(path)).
    """
    pytest.importorskip("transformers")
    from tests.tiny_model import build

    return build(tmp_path_factory.mktemp("tiny-model"))


@contextlib.contextmanager
def serving(model_path: Path, folder: Path) -> Iterator[str]:
    """`reviewer serve MODEL` for real on a free loopback port; yields its URL, stops it after."""
    import time

    url_file = folder / "url"
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "serve", "--model", str(model_path),
                             "--port", "0", "--url-file", str(url_file)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while not url_file.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    if not url_file.exists():
        proc.kill()
        pytest.fail(f"reviewer serve did not start: {proc.communicate()[1].decode()}")
    try:
        yield url_file.read_text().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# Property tests are deterministic: the same inputs on every run and every clone (derandomised, and no
# .hypothesis/ example database whose leftovers could make one machine's re-runs differ from another's).
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("reviewer", derandomize=True, database=None, deadline=None)
    _hypothesis_settings.load_profile("reviewer")
except ImportError:  # hypothesis is a dev extra; without it the property tests skip themselves
    pass
