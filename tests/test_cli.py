"""The command line: exit codes, formats, the JSON contract, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer import __version__

from .conftest import GitRepo, run_reviewer


def test_version_and_help(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("--version")
    assert r.code == 0 and __version__ in r.out
    r = cli("review", "--help")
    assert r.code == 0
    for flag in ("--staged", "--base", "--range", "--diff-file", "--format", "--fail-level", "--filter-mode"):
        assert flag in r.out


def test_empty_diff_says_nothing_to_review(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    r = cli("review", "--base", "main", cwd=repo.path)
    assert r.code == 0
    assert "nothing to review" in r.out


def test_json_contract_shape(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "f")
    repo.write("a.py", "a = 1\nb = 2\n")
    repo.write("img.bin", b"\x00\x01\x02")
    repo.commit("change")
    r = cli("review", "--format", "json", "--no-model", cwd=repo.path)
    assert r.code == 0, r
    data = json.loads(r.out)
    assert data["version"] == 1
    assert set(data) >= {"version", "findings", "skipped", "summary"}
    assert data["skipped"] == [{"path": "img.bin", "reason": "binary file (not reviewed)"}]
    assert data["summary"]["files"] == 1 and data["summary"]["changed_lines"] == 1


def test_usage_errors_exit_2_with_one_line(cli, repo: GitRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    r = cli("review", "--staged", "--base", "main", cwd=repo.path)
    assert r.code == 2 and "choose one of" in r.err
    r = cli("review", "--base", "no-such-branch", cwd=repo.path)
    assert r.code == 2
    assert r.err.count("\n") == 1 and "unknown revision" in r.err
    r = cli("review", "--diff-file", str(tmp_path / "missing.patch"), cwd=repo.path)
    assert r.code == 2 and "cannot read diff file" in r.err
    r = cli("review", "--format", "yaml", "--staged", cwd=repo.path)
    assert r.code == 2 and "unknown format" in r.err
    not_git = tmp_path / "plain"
    not_git.mkdir()
    r = cli("review", cwd=not_git)
    assert r.code == 2 and "not inside a git repository" in r.err
    r = cli("review", "--staged", "-o", str(tmp_path / "no-such-dir" / "r.json"), cwd=repo.path)
    assert r.code == 2 and r.err.count("\n") == 1 and "cannot write --output" in r.err, r


def test_bad_config_exit_2_and_unknown_key_warns(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    repo.write(".reviewer.toml", "fail_level = 'sometimes'\n")
    r = cli("review", "--staged", cwd=repo.path)
    assert r.code == 2 and "fail_level must be one of" in r.err
    repo.write(".reviewer.toml", "fail_levle = 'error'\n")
    r = cli("review", "--staged", cwd=repo.path)
    assert r.code == 0
    assert "unknown configuration key 'fail_levle'" in r.err
    repo.write(".reviewer.toml", "[broken\n")
    r = cli("review", "--staged", cwd=repo.path)
    assert r.code == 2 and "invalid TOML" in r.err


def test_a_broken_pyproject_stops_the_review_only_when_it_holds_our_settings(  # type: ignore[no-untyped-def]
        cli, repo: GitRepo) -> None:
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    # pycryptodome's pyproject.toml at 8d4e536029: an unquoted string, invalid TOML, and nothing of ours.
    repo.write("pyproject.toml", "[project]\nlicense = BSD-2-Clause AND Unlicense\n")
    repo.write("a.py", "a = 2\n")
    repo.git("add", "-A")
    r = cli("review", "--staged", "--no-model", cwd=repo.path)
    assert r.code == 0, r
    assert "pyproject.toml: invalid TOML" in r.err and "default settings" in r.err
    repo.write("pyproject.toml", "[project]\nlicense = BSD\n\n[tool.reviewer.rules]\naudit = true\n")
    repo.git("add", "-A")
    r = cli("review", "--staged", "--no-model", cwd=repo.path)
    assert r.code == 2 and "invalid TOML" in r.err


def test_stdin_diff_and_malformed_input_without_traceback(repo: GitRepo) -> None:
    repo.write("x.py", "x = 1\n")  # the checkout the diff applies to
    ok = run_reviewer("review", "--diff-file", "-", "--no-model", cwd=repo.path,
                      input=b"--- a/x.py\n+++ b/x.py\n@@ -0,0 +1 @@\n+x = 1\n")
    assert ok.code == 0, ok
    assert "1 changed line" in ok.out
    bad = run_reviewer("review", "--diff-file", "-", cwd=repo.path, input=b"@@ -1 +1 @@\n+\x00garbage\n")
    assert bad.code == 2
    assert "Traceback" not in bad.err and bad.err.startswith("reviewer: error:")


def test_help_does_not_import_heavy_modules(repo: GitRepo) -> None:
    code = ("import sys; from reviewer.cli import main; main(['review', '--help']); "
            "heavy = [m for m in ('torch', 'transformers', 'anthropic', 'xgrammar', 'libcst') if m in sys.modules]; "
            "print('HEAVY', heavy)")
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo.path, check=True).stdout
    assert "HEAVY []" in out


def test_diff_file_that_does_not_match_the_checkout_is_skipped_and_said(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # The rules read the new version from disk: a diff of another checkout must not pass as clean in silence.
    diff = b"--- a/x.py\n+++ b/x.py\n@@ -0,0 +1,2 @@\n+import hashlib\n+password_hash = hashlib.md5(password)\n"
    r = cli("review", "--diff-file", "-", "--no-model", "--format", "json", cwd=repo.path, stdin=diff)
    data = json.loads(r.out)
    assert r.code == 0 and data["findings"] == []
    assert [s["path"] for s in data["skipped"]] == ["x.py"] and "not on disk" in data["skipped"][0]["reason"]
    repo.write("x.py", "import hashlib\nh = hashlib.sha256(b'x')\n")  # another version of the file
    data = json.loads(cli("review", "--diff-file", "-", "--no-model", "--format", "json", cwd=repo.path,
                          stdin=diff).out)
    assert "does not match the diff" in data["skipped"][0]["reason"]
    repo.write("x.py", "import hashlib\npassword_hash = hashlib.md5(password)\n")  # the matching checkout: reviewed
    r = cli("review", "--diff-file", "-", "--no-model", "--format", "json", cwd=repo.path, stdin=diff)
    assert [f["rule"] for f in json.loads(r.out)["findings"]] == ["python-crypto/weak-password-hash"], r
