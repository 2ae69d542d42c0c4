"""Linear time (issue 14, item 6), checked by counting work, never by timing it.

The wall-clock figures are in BENCHMARKS.md (benchmarks/dense_file.py, benchmarks/many_files.py).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from reviewer import linediff, router
from reviewer import rules as rulesmod
from reviewer.config import Config, RulesConfig
from reviewer.diff import parse
from reviewer.git import DiffMode
from reviewer.pipeline import collect
from reviewer.records import FileChange, Finding, Severity, Source, Suggestion
from reviewer.rules import verify
from tests.conftest import GitRepo, spy


def _dense_change(lines: int) -> bytes:
    body = "".join(f"+x{i} = {i}\n" for i in range(lines))
    return f"--- /dev/null\n+++ b/dense.py\n@@ -0,0 +1,{lines} @@\n{body}".encode()


def test_routing_builds_each_files_line_set_once(monkeypatch: pytest.MonkeyPatch) -> None:
    changes = parse(_dense_change(2000))
    calls = []
    original = FileChange.added_lines

    def counted(self: FileChange) -> frozenset[int]:
        calls.append(self.path)
        return original.fget(self)  # type: ignore[attr-defined, no-any-return]

    monkeypatch.setattr(FileChange, "added_lines", property(counted))
    findings = [Finding("r/x", "r", "dense.py", n, n, Severity.WARNING, "m") for n in range(1, 2001)]
    routed = router.route(findings, changes, Config())
    assert all(r.reported for r in routed)
    assert len(calls) <= 1  # was once per finding: quadratic in a dense file


def test_fix_verification_reads_each_region_not_the_whole_file_per_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    rules, _ = rulesmod.load(Path("/nonexistent"), RulesConfig())
    py = [r for r in rules if rulesmod.applies_to(r, "m.py")]
    blocks = 200
    text = "import yaml\n" + "".join(f"\n\ndef f{i}(p):\n    return yaml.load(p)\n" for i in range(blocks))
    findings = [Finding("python-standards/yaml-load", "python-standards", "m.py", 5 + 4 * i, 5 + 4 * i,
                        Severity.WARNING, "m", 1.0, Source.RULE,
                        suggestion=Suggestion("m.py", 5 + 4 * i, 5 + 4 * i, "    return yaml.safe_load(p)"))
               for i in range(blocks)]
    assert text.split("\n")[4] == text.split("\n")[4 + 4 * (blocks - 1)] == "    return yaml.load(p)"
    from reviewer.rules import match as rules_match

    matched = spy(monkeypatch, rules_match, "match_text", lambda t, *a, **k: len(t))
    out = verify.withhold_unverified("m.py", text, findings, py)
    assert all(f.suggestion is not None for f in out), [f.fix_withheld for f in out if f.suggestion is None][:3]
    # Every fix was checked, all in one pass over the file (or region by region): never the file per fix.
    assert sum(matched) <= 6 * len(text), (sum(matched), len(text))


def test_a_fix_that_breaks_its_region_is_still_withheld() -> None:
    rules, _ = rulesmod.load(Path("/nonexistent"), RulesConfig())
    py = [r for r in rules if rulesmod.applies_to(r, "m.py")]
    text = "import yaml\n\n\ndef f(p):\n    return yaml.load(p)\n\n\ndef g(p):\n    return yaml.load(p)\n"
    bad = Finding("python-standards/yaml-load", "python-standards", "m.py", 9, 9, Severity.WARNING, "m", 1.0,
                  Source.RULE, suggestion=Suggestion("m.py", 9, 9, "    return eval(p)"))
    (out,) = verify.withhold_unverified("m.py", text, [bad], py)
    assert out.suggestion is None and "eval" in out.fix_withheld


def test_snapshots_list_once_and_read_in_one_batch(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    files = 300
    for i in range(files):
        repo.write(f"pkg/m{i}.py", f"x = {i}\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    for i in range(files):
        repo.write(f"pkg/m{i}.py", f"x = {i}\ny = {i}\n")
    repo.commit("change")
    repo.write("pkg/m0.py", "staged = 1\n")
    repo.git("add", "pkg/m0.py")
    from git.objects.tree import Tree

    def no_tree_walk(*_a: object) -> None:
        raise AssertionError("a per-path GitPython tree lookup (re-parses the folder's tree each time)")

    monkeypatch.setattr(Tree, "__truediv__", no_tree_walk)
    monkeypatch.setattr(Tree, "join", no_tree_walk)
    from reviewer import git as gitmod

    batches = spy(monkeypatch, gitmod, "_cat_file_batch", lambda repo_, shas: len(shas))
    changes, collected = collect(repo.path, DiffMode(base="main"), Config())
    assert len(changes.files) == files
    assert batches == [files]  # every changed file in one `git cat-file --batch`
    assert all(collected.snapshot.read(f"pkg/m{i}.py") == f"x = {i}\ny = {i}\n".encode() for i in range(files))
    _, staged = collect(repo.path, DiffMode(staged=True), Config())
    assert staged.snapshot.read("pkg/m0.py") == b"staged = 1\n"


class _NoQuadratic(difflib.SequenceMatcher):  # type: ignore[type-arg]
    def __init__(self, isjunk=None, a="", b="", autojunk=True):  # type: ignore[no-untyped-def]
        if len(a) * len(b) > 1_000_000:
            raise AssertionError(f"SequenceMatcher over {len(a)} x {len(b)} lines: quadratic on repeated lines")
        super().__init__(isjunk, a, b, autojunk)


def test_docstring_diffs_of_a_huge_function_stay_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.docgen import run

    monkeypatch.setattr(difflib, "SequenceMatcher", _NoQuadratic)
    old = "def big(a):\n" + "    a += 1\n" * 20_000 + "    return a\n"
    new = old.replace("def big(a):\n", 'def big(a):\n    """Big."""\n', 1)
    (s,) = run._suggestions("big.py", old, new)
    assert (s.start_line, s.end_line, s.replacement) == (1, 1, 'def big(a):\n    """Big."""')
    section = run.DocstringsSection(style="google", generator="template")
    section.texts["big.py"] = (old, new)
    diff = section.diffs["big.py"]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added == ['+    """Big."""'] and diff.startswith("--- a/big.py\n+++ b/big.py\n@@ -1,4 +1,5 @@\n")


def test_linediff_matches_difflib_on_small_inputs() -> None:
    a = ["a", "b", "c", "d", "b", "e"]
    for b in (["a", "x", "c", "d", "e"], [], ["b"] * 4, a[::-1], a + ["f"], ["z"] + a):
        ops = linediff.opcodes(a, b)
        rebuilt = [line for tag, _i1, _i2, j1, j2 in ops for line in b[j1:j2]]
        assert rebuilt == b and all(a[i1:i2] == b[j1:j2] for tag, i1, i2, j1, j2 in ops if tag == "equal")
        assert "".join(linediff.unified_diff([x + "\n" for x in a], [x + "\n" for x in b], "a", "b")) == \
            "".join(difflib.unified_diff([x + "\n" for x in a], [x + "\n" for x in b], "a", "b"))


def test_moved_code_check_reads_every_old_side_in_one_process(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer import git as gitmod
    from reviewer import pipeline

    for i in range(30):
        repo.write(f"m{i}.py", f"import hashlib\npassword_hash = hashlib.md5(password_{i}).hexdigest()\n")
    repo.write("odd name.py", "x = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    for i in range(30):  # a formatter reflows the md5 line: moved code, not a new finding
        repo.write(f"m{i}.py", f"import hashlib\npassword_hash = hashlib.md5(\n    password_{i}\n).hexdigest()\n")
    repo.write("odd name.py", "x = 2\n")
    repo.commit("reflow")
    real = gitmod.read_objects
    calls = spy(monkeypatch, gitmod, "read_objects", lambda root, names: len(names))
    result = pipeline.run(Config(), repo.path, DiffMode(base="main"), ("review",))
    assert calls == [31]
    assert sum(1 for r in result.routed if r.why.value == "moved code") >= 30 and not result.findings
    base = repo.git("rev-parse", "main").strip()
    assert real(repo.path, [f"{base}:odd name.py", f"{base}:nope.py", f"{base}:m0.py"]) == [
        b"x = 1\n", None, b"import hashlib\npassword_hash = hashlib.md5(password_0).hexdigest()\n"]
