"""Configuration validated in full at load time against one schema; malformed inputs are exit 2 in one line;
Ctrl-C is exit 130 (issue 14, item 5). Also: the fetch hint names the repository's real remotes."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reviewer import config as configmod
from reviewer.config import SCHEMA, Config
from reviewer.errors import UsageError
from reviewer.git import DiffMode
from reviewer.pipeline import collect
from tests.conftest import ROOT, GitRepo

BAD_VALUES = [
    ("[rules]\nseverity = \"x\"\n", "rules.severity"),
    ("[rules]\nseverity = { \"python-standards/print-in-library\" = \"loud\" }\n", "rules.severity"),
    ("cache_path = 5\n", "cache_path"),
    ("[model]\nserver = 5\n", "model.server"),
    ("[coverage]\nfail_under = \"eighty\"\n", "coverage.fail_under"),
    ("[coverage]\nfail_under = 120\n", "coverage.fail_under"),
    ("[coverage]\noutput = \"../outside/test_{module}.py\"\n", "coverage.output"),
    ("[docstrings]\nstyle = \"fancy\"\n", "docstrings.style"),
    ("[model]\nmax_new_tokens = 0\n", "model.max_new_tokens"),
    ("[model]\nmin_confidence = nan\n", "model.min_confidence"),
    ("[cloud]\nmax_escalations = 1.5\n", "cloud.max_escalations"),
    ("exclude = [1, 2]\n", "exclude"),
    ("tasks = [\"review\", \"dance\"]\n", "tasks"),
    ("[github]\nrequest_changes = \"yes\"\n", "github.request_changes"),
    ("model = 5\n", "[model] must be a table"),
]


@pytest.mark.parametrize("text, key", BAD_VALUES)
def test_wrong_values_are_exit_2_at_load_time_with_the_key_named(cli, repo: GitRepo, text: str,  # type: ignore[no-untyped-def]
                                                                  key: str) -> None:
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    repo.write(".reviewer.toml", text)
    # --no-model: none of the model/coverage/cloud keys is used by this run, so only load-time checking sees them.
    r = cli("review", "--no-model", "--staged", cwd=repo.path)
    assert r.code == 2, r
    assert key in r.err and r.err.count("\n") == 1 and "Traceback" not in r.err, r


def test_non_utf8_config_and_non_table_tool_are_exit_2(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    repo.write(".reviewer.toml", b"fail_level = \"error\" # caf\xe9\n")
    r = cli("review", "--no-model", "--staged", cwd=repo.path)
    assert r.code == 2 and "UTF-8" in r.err and r.err.count("\n") == 1, r
    (repo.path / ".reviewer.toml").unlink()
    for text in ("tool = 5\n", "[tool]\nreviewer = 5\n"):
        repo.write("pyproject.toml", text)
        r = cli("review", "--no-model", "--staged", "--config", str(repo.path / "pyproject.toml"), cwd=repo.path)
        assert r.code == 2 and "must be a table" in r.err and r.err.count("\n") == 1, r
        r = cli("review", "--no-model", "--staged", cwd=repo.path)  # discovered: the same check
        assert r.code == (0 if text == "tool = 5\n" else 2), r  # `tool = 5` has no [tool.reviewer]: not ours


def test_flags_are_checked_against_the_same_schema() -> None:
    with pytest.raises(UsageError, match="model.min_confidence"):
        configmod.override(Config(), model__min_confidence=2.0)
    with pytest.raises(UsageError, match="fail_level"):
        configmod.override(Config(), fail_level="loud")


def test_schema_covers_every_key_and_accepts_every_default() -> None:
    sections = {"": Config, **configmod._SECTIONS}
    for name, cls in sections.items():
        fields = {f.name for f in dataclasses.fields(cls)
                  if f.name != "source" and not (cls is Config and f.name in configmod._SECTIONS)}
        assert set(SCHEMA[name]) == fields, name
    Config().validate()  # the defaults satisfy the schema
    cfg = configmod._coerce(Config, {"exclude": "gen/*", "coverage": {"fail_under": 80}}, "t")
    assert cfg.exclude == ("gen/*",) and cfg.coverage.fail_under == 80.0


def test_docs_schema_section_is_generated_from_the_code() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert configmod.schema_markdown() in doc


# --- malformed JSON inputs ---------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ('{"meta": {}, "files": {"a.py": {"executed_lines": [Infinity], "missing_lines": []}}}', "Infinity"),
    ('{"meta": [1], "files": {}}', "meta"),
    ('{"meta": {}, "files": {"a.py": [1, 2]}}', "must be an object"),
    ('{"files": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
])
def test_malformed_coverage_json_is_one_usage_error(tmp_path: Path, text: str, words: str) -> None:
    from reviewer import coverage_data

    path = tmp_path / "coverage.json"
    path.write_text(text)
    with pytest.raises(UsageError, match=words) as info:
        coverage_data.load(path, tmp_path)
    assert "\n" not in info.value.message


def test_deep_event_file_is_exit_2_in_one_line(cli, repo: GitRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    event = tmp_path / "event.json"
    event.write_text('{"pull_request": ' + "[" * 100_000 + "]" * 100_000 + "}")
    r = cli("github", "--event-path", str(event), "--event-name", "pull_request", cwd=repo.path)
    assert r.code == 2 and "nested too deeply" in r.err and r.err.count("\n") == 1, r


# --- Ctrl-C ------------------------------------------------------------------------------------

def test_ctrl_c_exits_130(repo: GitRepo, tmp_path: Path) -> None:
    """A real SIGINT while reviewer blocks reading a --diff-file FIFO: exit 130, one line, no traceback."""
    fifo = tmp_path / "diff.fifo"
    os.mkfifo(fifo)
    # A test run started in the background by a non-interactive shell inherits SIGINT ignored, and Python then
    # never raises KeyboardInterrupt: give the child the default disposition a terminal's Ctrl-C meets.
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "review", "--no-model", "--diff-file", str(fifo)],
                            cwd=repo.path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    opened = threading.Event()

    def writer() -> None:
        with open(fifo, "wb"):  # returns once reviewer has opened the FIFO for reading
            opened.set()
            proc.wait()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        assert opened.wait(timeout=120), "reviewer never opened the FIFO"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
        thread.join(timeout=10)
    assert proc.returncode == 130, err
    assert err.decode().strip().endswith("interrupted") and b"Traceback" not in err


# --- the fetch hint ----------------------------------------------------------------------------

def test_fetch_hint_names_the_real_remotes(make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lonely = make_repo("lonely")
    lonely.write("a.py", "a = 1\n")
    lonely.commit("root")
    with pytest.raises(UsageError) as info:
        collect(lonely.path, DiffMode(base="origin/main"), Config())
    assert "git fetch origin" not in info.value.message and "no remote" in info.value.message

    upstream = make_repo("upstream")
    upstream.write("a.py", "a = 1\n")
    upstream.commit("root")
    clone = make_repo("clone")
    clone.git("remote", "add", "upstream", str(upstream.path))
    clone.git("fetch", "-q", "upstream")
    clone.git("checkout", "-q", "-b", "work", "upstream/main")
    with pytest.raises(UsageError, match=r"\(git fetch upstream release\)"):
        collect(clone.path, DiffMode(base="release"), Config())
    with pytest.raises(UsageError, match=r"\(git fetch upstream missing\)"):
        collect(clone.path, DiffMode(base="upstream/missing"), Config())
