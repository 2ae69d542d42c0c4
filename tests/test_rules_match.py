"""Matching internals: the text pre-filter never drops a match; forked matching equals serial matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer import rules as rulesmod
from reviewer.rules import match as rules_match, prefilter as rules_prefilter
from reviewer.config import RulesConfig

BUILTIN = rulesmod.load_all(None, RulesConfig())
TEST_FILES = sorted(p for p in rulesmod.builtin_dir().rglob("tests/*.py"))


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: p.name)
def test_prefilter_never_drops_a_match(path: Path) -> None:
    """Every rule that really matches a file (no pre-filter) must pass the pre-filter on it."""
    text = path.read_text(encoding="utf-8")
    root = rules_match.parse(text)
    for rule in BUILTIN:
        if rules_match.match_tree(root, [rule]):
            assert rules_match.may_match(rule, text), f"{rule.id} pre-filter drops a match in {path.name}"


def test_prefilter_skips_hopeless_rules() -> None:
    weak_hash = next(r for r in BUILTIN if r.id == "python-crypto/weak-hash")
    assert not rules_match.may_match(weak_hash, "import json\nprint(json.dumps({}))\n")
    assert rules_match.may_match(weak_hash, "from hashlib import md5\nmd5(b'')\n")
    # Nothing a file contains can rule out a rule the pre-filter does not understand.
    assert rules_prefilter.for_matcher({"rule": {"kind": "call"}}) is True


@pytest.mark.parametrize(("rx", "words"), [
    (r"^hashlib\.(md4|md5)$", ("all", ["hashlib", ("any", ["md4", "md5"])])),
    (r"^except[ \t]*:", "except"),
    (r"(?i)token", True),  # flags: no guessing
    (r"^abc?d", "ab"),  # a quantifier makes the last character optional
    (r"^(x|yz)?def", "def"),  # an optional group requires nothing
    (r"^\(?ab", "ab"),  # an escaped parenthesis is no group
])
def test_regex_words(rx: str, words: object) -> None:
    assert rules_prefilter.regex_words(rx) == words


def test_forked_matching_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text(encoding="utf-8") for p in TEST_FILES]
    jobs = [(t, list(BUILTIN)) for t in texts]
    monkeypatch.setenv("REVIEWER_JOBS", "1")
    serial = rules_match.match_files(jobs, BUILTIN)
    monkeypatch.setenv("REVIEWER_JOBS", "2")
    monkeypatch.setattr(rules_match, "PARALLEL_MIN_CHARS", 0)
    forked = rules_match.match_files(jobs, BUILTIN)
    assert forked == serial
    assert sum(len(m) for m in serial) > 50


def test_compiled_requirement_answers_like_holds() -> None:
    texts = [p.read_text(encoding="utf-8") for p in TEST_FILES] + ["", "import json\n"]
    for rule in BUILTIN:
        if rule.matcher is None:
            continue
        req = rules_prefilter.for_matcher(rule.matcher)
        test = rules_prefilter.compile_req(req)
        for text in texts:
            assert test(text) == rules_prefilter.holds(req, text), rule.id


def test_no_fix_on_a_chained_comparison() -> None:
    """`x == None == y` is still reported; the fix written for two operands would drop `== y`."""
    rules = [r for r in rulesmod.load_all(None, RulesConfig()) if r.fix is not None]
    src = ("def f(x, y, a, b, i):\n"
           "    if x == None == y:\n        pass\n"
           "    if a != None:\n        pass\n"
           "    if 0 <= i <= len(a):\n        return a[i]\n")
    found = {(m.rule.id, m.text): m.fixed for m in rules_match.match_text(src, rules)}
    assert found[("python-standards/compare-to-none", "x == None == y")] is None
    assert found[("python-standards/compare-not-none", "a != None")] == "a is not None"
    assert found[("off-by-one/le-len-guard", "0 <= i <= len(a)")] is None  # its fix_when wants two operands too
