"""Parsing bounded: a file too deep, too big or badly encoded is skipped with its reason; the others are processed.

The crashing inputs run through the real CLI in a subprocess: before the guard one of them killed the
process with SIGSEGV (libcst's native parser), which in-process would take pytest down with it.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from reviewer import pysafe, source
from reviewer.docgen import insert

from .conftest import ROOT, GitRepo, run_reviewer

MD5 = "import hashlib\n\n\ndef hash_password(password):\n    return hashlib.md5(password)\n"
BAD = {
    # 50,000-term `and`: libcst's parser overflowed the C stack (exit 139) and every file lost its docstrings.
    "deep_and.py": ("def f(a):\n    return " + " and ".join(["a"] * 50_000) + "\n").encode(),
    # 1,000-term sum: RecursionError in every recursive walk ("internal error", exit 3).
    "long_sum.py": ("def g(x):\n    return " + " + ".join(["x"] * 1_000) + "\n").encode(),
    # A Latin-1 byte in a comment of a UTF-8 file: libcst's UnicodeDecodeError aborted --write for every file.
    "latin.py": b"def h(y):\n    return y  # caf\xe9\n",
}


@pytest.fixture
def bad_repo(repo: GitRepo) -> GitRepo:
    repo.write("keep.py", "x = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("good.py", MD5)
    for name, data in BAD.items():
        repo.write(name, data)
    repo.commit("change")
    return repo


def test_docstrings_write_skips_each_bad_file_with_its_reason(bad_repo: GitRepo) -> None:
    r = run_reviewer("docstrings", "--base", "main", "--write", "--generator", "template", "--format", "json",
                     cwd=bad_repo.path, env={"PYTHONPATH": str(ROOT)})
    assert r.code in (0, 1), r  # not 139 (segfault), not 3 (internal error)
    assert "Traceback" not in r.err
    data = json.loads(r.out)
    section = data["docstrings"] if "docstrings" in data else data
    reasons = {f["path"]: f["reason"] for f in section["failures"]}
    assert set(reasons) == set(BAD), reasons
    assert "too deeply nested" in reasons["deep_and.py"] and "too deeply nested" in reasons["long_sum.py"]
    assert reasons["latin.py"] == "left untouched: not valid utf-8: byte 0xe9 on line 2"
    # The good file was documented; the bad ones are byte for byte as they were.
    assert section["written"] == ["good.py"]
    assert '"""' in (bad_repo.path / "good.py").read_text()
    for name, data in BAD.items():
        assert (bad_repo.path / name).read_bytes() == data


def test_text_report_names_each_refused_file(repo: GitRepo) -> None:
    repo.write("keep.py", "x = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("long_sum.py", BAD["long_sum.py"])
    repo.commit("change")
    r = run_reviewer("docstrings", "--base", "main", "--write", "--generator", "template", cwd=repo.path,
                     env={"PYTHONPATH": str(ROOT)})
    assert r.code == 1 and "Traceback" not in r.err, r  # exit 1: a file was left untouched
    assert ("docstrings: failed long_sum.py: skipped, left untouched: too deeply nested to parse safely "
            f"(expression depth over {pysafe.MAX_DEPTH})") in r.out.splitlines(), r


def test_review_with_bad_files_reviews_the_others(bad_repo: GitRepo) -> None:
    r = run_reviewer("review", "--base", "main", "--no-model", "--format", "json", cwd=bad_repo.path,
                     env={"PYTHONPATH": str(ROOT)})
    assert r.code in (0, 1) and "Traceback" not in r.err, r
    assert [(f["path"], f["rule"]) for f in json.loads(r.out)["findings"]] == [("good.py", "python-crypto/weak-password-hash")]


def test_every_parser_entry_refuses_instead_of_crashing() -> None:
    deep, long_sum = BAD["deep_and.py"], BAD["long_sum.py"]
    for data in (deep, long_sum, long_sum.decode()):
        with pytest.raises(pysafe.Refused, match="too deeply nested"):
            source.parse(data)
        with pytest.raises(ValueError):  # what existing `except (SyntaxError, ValueError)` callers catch
            source.definitions(data)
    # Bigger than the C parser's own limit: ast.parse raises RecursionError, which becomes a refusal.
    with pytest.raises(pysafe.Refused):
        pysafe.parse("x = " + " + ".join(["a"] * 30_000) + "\n")
    with pytest.raises(pysafe.Refused, match="too large"):
        pysafe.check(b"#" * (pysafe.MAX_BYTES + 1))
    with pytest.raises(pysafe.Refused, match=r"not valid utf-8: byte 0xe9 on line 2"):
        pysafe.text(BAD["latin.py"])
    assert pysafe.text("# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n".encode("latin-1")).endswith("'caf\xe9'\n")


def test_flat_data_and_real_code_are_not_refused() -> None:
    # Long but flat: commas start a new sibling, so a 20,000-item table of negative numbers is shallow.
    table = "T = [" + ", ".join(f"-{i}" for i in range(20_000)) + "]\n"
    assert pysafe.estimated_depth(table) < 10
    source.parse(table)
    # This project's own code stays far below the limit.
    for path in sorted((ROOT / "reviewer").rglob("*.py")):
        assert pysafe.estimated_depth(path.read_bytes()) < pysafe.MAX_DEPTH // 4, path


def _on_a_deep_stack(frames: int, fn):  # type: ignore[no-untyped-def]
    return fn() if frames == 0 else _on_a_deep_stack(frames - 1, fn)


@pytest.mark.parametrize("head, unit, tail", [("", "x + ", "x"), ("a", ".b", ""), ("f", "()", ""),
                                              ("", "not ", "x"), ("", "-", "x"), ("", "(", "")])
def test_files_just_under_the_limit_parse_walk_and_rewrite(head: str, unit: str, tail: str) -> None:
    """What the guard lets through, every parser and walk handles, even from deep in a call stack."""
    def code(n: int) -> str:
        closing = ")" * n if unit == "(" else ""
        return f"def f(x):\n    return {head}{unit * n}{tail or ('x' if unit == '(' else '')}{closing}\n"

    n = 1
    while pysafe.estimated_depth(code(n + 1)) <= pysafe.MAX_DEPTH:
        n += 1
    data = code(n).encode()
    pysafe.check(data)  # at the limit, not over it
    with pytest.raises(pysafe.Refused):
        pysafe.check(code(n + 1))

    def work() -> bytes:
        tree = source.parse(data)
        ast.dump(tree)
        assert source.definitions(data)[0].name == "f"
        return insert.inject(data, {1: lambda indent: '"""Doc."""'}).data

    assert b'"""Doc."""' in _on_a_deep_stack(150, work)
    assert sys.getrecursionlimit() == 1000  # the guard's limits assume Python's default
