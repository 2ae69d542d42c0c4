"""review_hunks on a real git repository with the tiny model: findings, confirmation, skips, cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer import pipeline
from reviewer.config import Config, ModelConfig
from reviewer.engine import prompts
from reviewer.engine.review import _parse_answer, review_hunks
from reviewer.engine.schema import findings_schema
from reviewer.git import DiffMode
from reviewer.records import Finding, Hunk, Rule, Severity, Source
from reviewer.rules import context as rules_context
from reviewer.tasks import TaskContext, TaskOutput
from tests.conftest import GitRepo

BASE = '''import hashlib


def digest(data):
    return hashlib.sha256(data).hexdigest()


class Stats:
    """Summary statistics."""

    def __init__(self, values):
        self.values = values
'''

CHANGE = '''import hashlib


def digest(data):
    return hashlib.md5(data).hexdigest()


class Stats:
    """Summary statistics."""

    def __init__(self, values):
        self.values = values

    def pairs(self):
        for i in range(len(self.values) - 1):
            print(self.values[i], self.values[i + 1])
        return None
'''

JUDGE = Rule(id="demo/no-print", pack="demo", title="No print in library code", severity=Severity.WARNING,
             language="python", description="Library code must not call print(); use logging.")
PATTERN_JUDGE = Rule(id="demo/weak-hash", pack="demo", title="Weak hash", severity=Severity.ERROR, language="python",
                     description="MD5 is broken for security uses.", matcher={"pattern": "hashlib.md5($$$)"},
                     judge="Is MD5 used here for a security purpose?")
OTHER_LANGUAGE = Rule(id="demo/js-only", pack="demo", title="JS", severity=Severity.INFO, language="javascript",
                      description="Only for JavaScript.")


def _ctx(repo: GitRepo, model: ModelConfig, cache: bool = True) -> TaskContext:
    cfg = Config(model=model, cache=cache)
    changes, collected = pipeline.collect(repo.path, DiffMode(range="HEAD~1..HEAD"), cfg)
    return TaskContext(config=cfg, changes=changes, snapshot=collected.snapshot, root=collected.root)


@pytest.fixture
def changed(repo: GitRepo) -> GitRepo:
    repo.write("pkg/mod.py", BASE)
    repo.write("pkg/api_pb2.py", "x = 1\n")
    repo.commit("base")
    repo.write("pkg/mod.py", CHANGE)
    repo.write("pkg/api_pb2.py", "x = 2\nprint(x)\n")
    repo.commit("change")
    return repo


def _candidate() -> Finding:
    return Finding(rule="demo/weak-hash", pack="demo", path="pkg/mod.py", line=5, end_line=5,
                   severity=Severity.ERROR, message="hashlib.md5 is a weak hash", snippet="hashlib.md5(data)")


def test_judge_rules_and_candidates_through_the_model(changed: GitRepo, tiny_model_path: Path) -> None:
    model = ModelConfig(model=str(tiny_model_path), temperature=1.0, seed=2)
    ctx = _ctx(changed, model)
    out = review_hunks(ctx, [JUDGE, PATTERN_JUDGE, OTHER_LANGUAGE], [_candidate()])
    assert isinstance(out, TaskOutput)
    # The generated protobuf module is skipped with a reason, never reviewed.
    assert any(s.path == "pkg/api_pb2.py" and "generated" in s.reason for s in out.skipped)
    confirmed = [f for f in out.findings if f.rule == "demo/weak-hash"]
    assert len(confirmed) == 1 and confirmed[0].source is Source.MODEL and 0.0 <= confirmed[0].confidence <= 1.0
    assert confirmed[0].confidence != 1.0  # P(yes) from the model, not the pattern's certainty
    hunk_lines = ctx.changes.get("pkg/mod.py").hunk_lines  # type: ignore[union-attr]
    model_findings = [f for f in out.findings if f.rule != "demo/weak-hash"]
    for f in model_findings:
        assert f.rule == "demo/no-print" and f.source is Source.MODEL  # never the JS rule
        assert f.line in hunk_lines and 0.0 <= f.confidence <= 1.0 and f.message
        assert f.severity is Severity.WARNING
        # A noise fix is either verified (inside the added lines) or withheld with a reason; never shown unchecked.
        if f.suggestion is not None:
            added = ctx.changes.get("pkg/mod.py").added_lines  # type: ignore[union-attr]
            assert set(range(f.suggestion.start_line, f.suggestion.end_line + 1)) <= added and not f.fix_withheld
    assert model_findings, "sampling from the tiny model should produce at least one finding"


def test_second_run_is_served_from_the_cache(changed: GitRepo, tiny_model_path: Path) -> None:
    model = ModelConfig(model=str(tiny_model_path))
    first = review_hunks(_ctx(changed, model), [JUDGE], [_candidate()])
    ctx = _ctx(changed, model)
    second = review_hunks(ctx, [JUDGE], [_candidate()])
    backend = ctx.shared["backend"]
    assert backend.inner.calls == 0 and backend.inner._model is None  # never even loaded
    assert backend.hits > 0 and backend.misses == 0
    assert [(f.rule, f.line, f.confidence) for f in second.findings] == \
        [(f.rule, f.line, f.confidence) for f in first.findings]
    assert (changed.path / ".reviewer" / "cache.sqlite").is_file()


def test_no_cache_leaves_no_cache_file(changed: GitRepo, tiny_model_path: Path) -> None:
    ctx = _ctx(changed, ModelConfig(model=str(tiny_model_path)), cache=False)
    review_hunks(ctx, [JUDGE], [])
    assert not (changed.path / ".reviewer" / "cache.sqlite").exists()
    # The ledger still records the calls, in a folder that git ignores.
    assert (changed.path / ".reviewer" / "ledger.jsonl").is_file()
    assert changed.git("status", "--porcelain", "--untracked-files=all") == ""
    assert ctx.shared["backend"].calls > 0


def test_prompt_budget_skips_are_listed(changed: GitRepo, tiny_model_path: Path) -> None:
    ctx = _ctx(changed, ModelConfig(model=str(tiny_model_path), max_prompt_tokens=50), cache=False)
    out = review_hunks(ctx, [JUDGE], [])
    assert out.findings == []
    assert any(s.path == "pkg/mod.py" and "max_prompt_tokens" in s.reason for s in out.skipped)


def test_missing_optional_model_keeps_candidates_and_says_so(changed: GitRepo, tmp_path: Path) -> None:
    ctx = _ctx(changed, ModelConfig(model=str(tmp_path / "absent"), optional=True))
    out = review_hunks(ctx, [JUDGE], [_candidate()])
    [kept] = out.findings
    assert (kept.rule, kept.line, kept.confidence) == ("demo/weak-hash", 5, 0.5)
    assert kept.message.endswith("(unconfirmed: no model)")
    assert any("Model review skipped" in n for n in out.notes)
    assert any("unconfirmed" in n for n in out.notes) and any(n.startswith("needs a model: 1 judge rule(s) did not run (demo)") for n in out.notes)


def test_prompt_shows_numbered_hunk_enclosing_class_and_rules(changed: GitRepo) -> None:
    ctx = _ctx(changed, ModelConfig())
    change = ctx.changes.get("pkg/mod.py")
    assert change is not None
    text = ctx.text("pkg/mod.py")
    defs = prompts.definitions(text, "python")
    hunk = change.hunks[-1]
    window = prompts.window_of(hunk, hunk.lines)
    req = prompts.review_request(window, [JUDGE], prompts.context_block(text, defs, window), 128)
    assert "   16 +             print(self.values[i], self.values[i + 1])" in req.user
    assert "inside class Stats" in req.user and "demo/no-print (warning): Library code" in req.user
    items = req.schema["properties"]["findings"]  # type: ignore[index]
    assert items["items"]["properties"]["line"] == {"type": "integer", "minimum": window.first,
                                                    "maximum": window.last}
    assert items["items"]["properties"]["rule"]["enum"] == ["demo/no-print"] and items["maxItems"] >= 1


def test_long_hunks_split_at_definition_boundaries() -> None:
    lines = tuple((n, f"line {n}") for n in range(1, 31))
    hunk = Hunk("a.py", 1, 0, 1, 30, added=frozenset(range(1, 31)), context=frozenset(), lines=lines)
    defs = [(1, 9, "function a"), (10, 19, "function b"), (20, 30, "function c")]
    windows, skipped = prompts.split_windows(hunk, defs, fits=lambda w: len(w.lines) <= 20)
    assert [(w.first, w.last) for w in windows] == [(1, 19), (20, 30)]
    assert skipped == []
    windows, skipped = prompts.split_windows(hunk, defs, fits=lambda w: len(w.lines) <= 10)
    assert [(w.first, w.last) for w in windows] == [(1, 9), (10, 19)]
    assert [s.reason.split(":")[0] for s in skipped] == ["lines 20-30"]


def test_findings_outside_the_window_or_rule_set_are_dropped_and_counted() -> None:
    lines = tuple((n, "x") for n in range(10, 15))
    window = prompts.Window("a.py", 10, 14, tuple((n, t, True) for n, t in lines))
    answer = json.dumps({"findings": [
        {"rule": "demo/no-print", "line": 12, "message": "print call"},
        {"rule": "demo/no-print", "line": 40, "message": "outside"},
        {"rule": "demo/unknown", "line": 11, "message": "not a rule here"},
        {"rule": "demo/no-print", "line": 12, "message": "duplicate"},
        {"rule": "demo/no-print", "line": 13, "message": "\x1b[31mred\x07 alert"},
    ]})
    found, dropped = _parse_answer(answer, window, {JUDGE.id: JUDGE})
    assert [(d.rule.id, d.line, d.message) for d in found] == [("demo/no-print", 12, "print call"),
                                                               ("demo/no-print", 13, "[31mred alert")]
    assert dropped == 2


def test_rules_for_matches_language_files_and_exclude() -> None:
    from reviewer.records import FileChange, FileStatus

    change = FileChange("src/app/models.py", None, FileStatus.MODIFIED, (), language="python")
    only_tests = Rule(id="d/t", pack="d", title="t", severity=Severity.INFO, language="python", description="d",
                      files=("tests/*",))
    excluded = Rule(id="d/e", pack="d", title="e", severity=Severity.INFO, language="python", description="d",
                    exclude=("models.py",))
    anywhere = Rule(id="d/a", pack="d", title="a", severity=Severity.INFO, language="python", description="d",
                    files=("src/**/*.py",))
    assert [r.id for r in prompts.rules_for([only_tests, excluded, anywhere, OTHER_LANGUAGE], change)] == ["d/a"]


def test_generated_vendored_and_lock_files_are_recognised() -> None:
    assert prompts.skip_reason("poetry.lock", "") is not None
    assert prompts.skip_reason("third_party/lib/x.py", "") is not None
    assert prompts.skip_reason("gen/x.py", "# Code generated by protoc. DO NOT EDIT.\n") is not None
    assert prompts.skip_reason("src/x.py", "def f():\n    pass\n") is None
    # The model skips the folders the rules skip (rules.vendored), so one setting serves both.
    assert prompts.skip_reason("ext/lib/x.py", "") is None
    assert prompts.skip_reason("ext/lib/x.py", "", ["ext"]) is not None
    # A hand-kept line that says not to edit it is not a generated file.
    assert prompts.skip_reason("pkg/version.py", '__version__ = "1"  # DO NOT EDIT THIS LINE\n') is None
    # And the repository's .gitattributes, as the rules read it: in and out of vendored / generated.
    attrs = rules_context.Contexts(attributes=rules_context.parse_gitattributes(
        "web/js/** linguist-vendored\nthird_party/ours/** -linguist-vendored\nschema.py linguist-generated\n"))
    assert prompts.skip_reason("web/js/a/b.py", "", contexts=attrs) == \
        rules_context.VENDORED_ATTR + ": not reviewed by the model"
    assert prompts.skip_reason("third_party/ours/x.py", "", contexts=attrs) is None
    assert prompts.skip_reason("third_party/theirs/x.py", "", contexts=attrs) is not None
    assert prompts.skip_reason("src/schema.py", "", contexts=attrs) is not None


def test_bounded_schema_never_allows_an_out_of_range_line() -> None:
    from reviewer.engine.schema import max_json_bytes, validate

    sch = findings_schema(["a/x"], 3, 7)
    ok = {"findings": [{"rule": "a/x", "line": 7, "message": "m"}]}
    assert validate(ok, sch) is None
    assert "maximum" in (validate({"findings": [{"rule": "a/x", "line": 8, "message": "m"}]}, sch) or "")
    assert "not one of" in (validate({"findings": [{"rule": "b/y", "line": 4, "message": "m"}]}, sch) or "")
    bound = max_json_bytes(sch)
    assert bound is not None and len(json.dumps(ok).encode()) <= bound


WARM_SCRIPT = """
import json, sys
from pathlib import Path
from reviewer import pipeline
from reviewer.config import Config, ModelConfig
from reviewer.engine.review import review_hunks
from reviewer.git import DiffMode
from reviewer.tasks import TaskContext
from tests.test_engine_review import JUDGE, _candidate
cfg = Config(model=ModelConfig(model=sys.argv[2]))
changes, collected = pipeline.collect(Path(sys.argv[1]), DiffMode(range="HEAD~1..HEAD"), cfg)
ctx = TaskContext(config=cfg, changes=changes, snapshot=collected.snapshot, root=collected.root)
out = review_hunks(ctx, [JUDGE], [_candidate()])
print(json.dumps({"calls": ctx.shared["backend"].inner.calls, "torch": "torch" in sys.modules,
                  "transformers": "transformers" in sys.modules,
                  "findings": [[f.rule, f.line, f.confidence] for f in out.findings]}))
"""


def test_warm_run_in_a_new_process_imports_no_model_stack(changed: GitRepo, tiny_model_path: Path) -> None:
    import os
    import subprocess
    import sys

    cold = review_hunks(_ctx(changed, ModelConfig(model=str(tiny_model_path))), [JUDGE], [_candidate()])
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", WARM_SCRIPT, str(changed.path), str(tiny_model_path)], cwd=root,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(root)}, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    warm = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    assert warm["calls"] == 0 and not warm["torch"] and not warm["transformers"]
    assert warm["findings"] == [[f.rule, f.line, f.confidence] for f in cold.findings]
