"""`reviewer review` end to end with the tiny model: model findings next to rule findings, then the cache."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import GitRepo, run_reviewer

ROOT = Path(__file__).resolve().parent.parent

JUDGE_RULE = """id: log-secrets
title: Secrets must not be printed or logged
severity: warning
language: python
description: Tokens, passwords and keys must never be printed or written to logs.
judge: Does this changed code print or log a secret value?
"""


def _repo(repo: GitRepo) -> GitRepo:
    repo.write("pkg/tokens.py", "import secrets\n\n\ndef token():\n    return secrets.token_hex(16)\n")
    repo.write(".reviewer/rules/log-secrets.yaml", JUDGE_RULE)
    # Sampling (seeded) so that the random tiny model produces findings at all.
    repo.write(".reviewer.toml", "[model]\ntemperature = 1.0\nseed = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/tokens.py", "import secrets\n\n\ndef token():\n    value = secrets.token_hex(16)\n"
                                "    print('token is', value)\n    print(value)\n    return value\n")
    repo.commit("print the token")
    return repo


def _review(repo: GitRepo, *extra: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    res = run_reviewer("review", "--base", "main", "--format", "json", "--fail-level", "none",
                       "--min-confidence", "0", *extra, cwd=repo.path, env={"PYTHONPATH": str(ROOT)})
    assert res.code == 0, res
    return json.loads(res.out), res.err


def test_review_with_the_tiny_model_then_from_the_cache(repo: GitRepo, tiny_model_path: Path) -> None:
    _repo(repo)
    first, err = _review(repo, "--model", str(tiny_model_path))
    assert "model: loading" in err
    assert "model: generating 1 answer(s)" in err  # the one changed Python hunk, with every judge rule
    model = [f for f in first["findings"] + first["not_reported"] if f["source"] == "model"]
    assert model, first
    for f in model:
        # The team's judge rule next to the built-in model packs (python-bugs, python-standards' judge part).
        assert f["rule"] == "local/log-secrets" or f["rule"].startswith(("python-bugs/", "python-standards/"))
        assert 0.0 <= f["confidence"] <= 1.0 and f["path"] == "pkg/tokens.py"
        assert 2 <= f["line"] <= 8  # inside the hunk
    # The rules ran too: their print() candidates (print-in-library is pattern+judge) went to the model to confirm.
    confirmed = [f for f in first["findings"] + first["not_reported"] if f["rule"] == "python-standards/print-in-library"]
    assert {f["line"] for f in confirmed} == {6, 7} and all(f["source"] == "model" for f in confirmed)
    second, err = _review(repo, "--model", str(tiny_model_path))
    assert "model: loading" not in err and "model: generating" not in err  # zero model calls
    assert "answer(s) from the result cache" in err  # and the user is told why
    assert second["findings"] == first["findings"]
    _third, err = _review(repo, "--model", str(tiny_model_path), "--no-cache")
    assert "model: generating" in err


def test_missing_model_exit_3_unless_optional(repo: GitRepo, tmp_path: Path) -> None:
    _repo(repo)
    missing = str(tmp_path / "no-model-here")
    data, _err = _review(repo, "--model", missing)  # model.optional defaults to true
    assert any("Model review skipped" in n and missing in n for n in data["notes"])
    repo.write(".reviewer.toml", "[model]\noptional = false\n")
    res = run_reviewer("review", "--base", "main", "--model", missing, cwd=repo.path, env={"PYTHONPATH": str(ROOT)})
    assert res.code == 3
    assert res.err.startswith("reviewer: error: model not found: no config.json in") and "--model PATH" in res.err
    assert "Traceback" not in res.err
