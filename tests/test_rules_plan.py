"""rules.plan: the cheaper way to run a rule finds exactly what the plain `find_all` finds."""

from __future__ import annotations

import sysconfig
from pathlib import Path
from typing import Any, cast

import pytest

from reviewer import rules as rulesmod
from reviewer.config import RulesConfig
from reviewer.rules import match as rules_match, plan as rules_plan, resolve as rules_resolve

BUILTIN = [r for r in rulesmod.load_all(None, RulesConfig()) if r.matcher is not None and r.language == "python"]
CASES = sorted(rulesmod.builtin_dir().rglob("tests/*.py"))
# Real code nobody here wrote, on every machine that runs the tests: the standard library's own modules
# (every 7th by name, so that the sample does not change while the tests run, and stays quick).
STDLIB = sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))[::7]


def _spans(nodes: list[Any]) -> list[tuple[int, int]]:
    return [(n.range().start.index, n.range().end.index) for n in nodes]


@pytest.mark.parametrize("paths", [CASES, STDLIB], ids=["rule-cases", "stdlib"])
def test_planned_matching_equals_plain_find_all(paths: list[Path]) -> None:
    assert len(paths) > 20
    compared = found = 0
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        root = rules_match.parse(text)
        resolver = rules_resolve.Resolver(root)
        for rule in BUILTIN:
            assert rule.matcher is not None
            config = rule.matcher
            if rule.refs is not None:
                config = rules_resolve.matcher_for(config, rule.refs, resolver)
            plain = _spans(root.find_all(cast(Any, dict(config))))
            planned = _spans(rules_plan.find_all(root, config, rules_plan.plan(config)))
            assert planned == plain, f"{rule.id} on {path.name}"
            compared += 1
            found += len(plain)
    assert found > 0  # the comparison saw matches, not only empty results


def test_exclusions_without_metavariables_are_split_off() -> None:
    config = {"rule": {"pattern": "$X == None", "not": {"inside": {"kind": "argument_list", "stopBy": "end"}}}}
    how = rules_plan.plan(config)
    assert how.rest == {"rule": {"pattern": "$X == None"}}
    assert how.exclusions == ({"inside": {"kind": "argument_list", "stopBy": "end"}},)
    # An exclusion that names a meta-variable of the match depends on it: it stays in place.
    bound = {"rule": {"pattern": "f($X)", "not": {"has": {"pattern": "$X"}}}}
    assert rules_plan.plan(bound).rest is None
    micro = {"rule": {"pattern": "$A == $B", "not": {"pattern": "\u00b5B == 1"}}}  # ast-grep's other `$`
    assert rules_plan.plan(micro).rest is None
    root = rules_match.parse("2 == 1\n1 == 1\n")
    assert [n.text() for n in rules_plan.find_all(root, micro, rules_plan.plan(micro))] == ["2 == 1"]
    # So does one that uses a util (`matches:`): `SgNode.matches` would not know it.
    util = {"rule": {"pattern": "f($X)", "not": {"matches": "u"}}, "utils": {"u": {"kind": "call"}}}
    assert rules_plan.plan(util).rest is None
    # Inside `all:` too; an `all` of exclusions alone is left as it is.
    nested = {"rule": {"all": [{"kind": "call"}, {"not": {"regex": "^g"}}]}}
    assert rules_plan.plan(nested).rest == {"rule": {"all": [{"kind": "call"}]}}
    only_not = {"rule": {"kind": "call", "all": [{"not": {"regex": "^g"}}]}}
    assert rules_plan.plan(only_not).rest is None


def test_an_exclusion_on_the_child_in_a_field_is_split_off() -> None:
    """`has: {field: F, X, not: N}`: the one child in F matches X and not N (exception-not-raised's names)."""
    config = {"rule": {"kind": "call", "has": {"field": "function", "regex": "Error$", "not": {"regex": "^Log"}}}}
    how = rules_plan.plan(config)
    assert how.rest == {"rule": {"kind": "call", "has": {"field": "function", "regex": "Error$"}}}
    assert how.exclusions == ({"has": {"field": "function", "regex": "^Log"}},)
    root = rules_match.parse("ValueError('x')\nLogError('y')\nf(KeyError('z'))\n")
    assert [n.text() for n in rules_plan.find_all(root, config, how)] == ["ValueError('x')", "KeyError('z')"]
    assert _spans(rules_plan.find_all(root, config, how)) == _spans(root.find_all(cast(Any, config)))
    # Without a field, `has` asks for some child: X and not N may hold of two different children.
    anychild = {"rule": {"kind": "call", "has": {"regex": "Error$", "not": {"regex": "^Log"}}}}
    assert rules_plan.plan(anychild).rest is None
    bound = {"rule": {"kind": "call", "has": {"field": "function", "pattern": "$F", "not": {"pattern": "$F"}}}}
    assert rules_plan.plan(bound).rest is None


def test_a_pattern_goes_first_where_the_rest_compiles_a_regex() -> None:
    """After the split, a rest that still compiles a regex (or a util) is looked for by its pattern first."""
    costly = {"rule": {"pattern": "$I <= len($X)", "inside": {"kind": "if_statement", "regex": "x\\["},
                       "not": {"inside": {"kind": "try_statement", "stopBy": "end"}}}}
    how = rules_plan.plan(costly)
    assert how.rest is not None and how.core == {"pattern": "$I <= len($X)"}
    for text in ("y = 1\n", "if i <= len(x):\n    x[i]\n", "try:\n    if i <= len(x):\n        x[i]\n"
                 "except IndexError:\n    pass\n", "if i <= len(x):\n    pass\n"):
        root = rules_match.parse(text)
        assert _spans(rules_plan.find_all(root, costly, how)) == _spans(root.find_all(cast(Any, costly))), text
    cheap = {"rule": {"pattern": "$X == None", "inside": {"kind": "if_statement"}, "not": {"regex": "^a"}}}
    assert rules_plan.plan(cheap).core is None  # nothing compiled per call: one search is enough


def test_module_level_checks_are_worked_out_once_per_tree() -> None:
    """`inside: {stopBy: end, kind: module, ...}` gives one answer for a whole tree, and the right one for each."""
    rule = {"inside": {"stopBy": "end", "kind": "module", "has": {"kind": "import_statement", "regex": "numpy"}}}
    with_numpy = rules_match.parse("import numpy\nx == None\n")
    without = rules_match.parse("import os\nx == None\n")
    for root, want in ((with_numpy, True), (without, False), (with_numpy, True)):
        node = root.find(pattern="$X == None")
        assert node is not None
        assert rules_plan.holds(node, rule) is want and node.matches(**cast(Any, rule)) is want
        assert rules_plan.holds(root, rule) is False  # the module is inside nothing


def test_a_pattern_goes_first_only_when_the_rule_says_more() -> None:
    assert rules_plan.plan({"rule": {"pattern": "f($X)"}}).core is None
    relational = {"rule": {"pattern": "f($X)", "inside": {"kind": "for_statement", "has": {"pattern": "$X"}}}}
    assert rules_plan.plan(relational).core == {"pattern": "f($X)"}
    branches = {"rule": {"any": [{"pattern": "f($X)", "has": {"pattern": "$X"}}, {"pattern": "g($X)"}]}}
    assert rules_plan.plan(branches).core == {"any": [{"pattern": "f($X)"}, {"pattern": "g($X)"}]}
    # A branch with no pattern leaves nothing every match must have.
    assert rules_plan.plan({"rule": {"any": [{"pattern": "f($X)", "has": {"pattern": "$X"}},
                                             {"kind": "call", "has": {"pattern": "$X"}}]}}).core is None


@pytest.mark.parametrize("calls", [1, rules_plan.FEW - 1, rules_plan.FEW + 2])
def test_exclusions_hold_with_few_and_many_candidates(calls: int) -> None:
    """Checked candidate by candidate (few) or by the whole rule (many): the same nodes, exclusions applied."""
    lines = [f"a{i} = x == None" for i in range(calls)] + ["f(y == None)"]
    root = rules_match.parse("\n".join(lines) + "\n")
    config = {"rule": {"pattern": "$X == None", "not": {"inside": {"kind": "argument_list", "stopBy": "end"}}}}
    how = rules_plan.plan(config)
    assert how.rest is not None
    got = [n.text() for n in rules_plan.find_all(root, config, how)]
    assert got == ["x == None"] * calls
    assert _spans(rules_plan.find_all(root, config, how)) == _spans(root.find_all(cast(Any, config)))


def test_cached_plan_follows_the_config_object() -> None:
    one = {"rule": {"pattern": "f($X)", "not": {"regex": "^g"}}}
    two = {"rule": {"pattern": "f($X)", "inside": {"kind": "call"}}}
    assert rules_plan.cached(one) is rules_plan.cached(one)
    assert rules_plan.cached(one).rest is not None and rules_plan.cached(two).core == {"pattern": "f($X)"}


def _all_nodes(root: Any) -> list[Any]:
    out, todo = [], [root]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(node.children())
    return out


EXCLUDING = [r for r in BUILTIN if rules_plan.plan(cast(Any, r.matcher)).exclusions]


@pytest.mark.parametrize("paths", [CASES, STDLIB], ids=["rule-cases", "stdlib"])
def test_exclusions_checked_in_python_agree_with_ast_grep(paths: list[Path]) -> None:
    """`holds` says what `SgNode.matches` says, for every built-in rule's exclusions on its candidates."""
    assert len(EXCLUDING) > 10
    compared = excluded = 0
    for path in paths:
        root = rules_match.parse(path.read_text(encoding="utf-8", errors="replace"))
        for rule in EXCLUDING:
            how = rules_plan.plan(cast(Any, rule.matcher))
            assert how.rest is not None
            for node in root.find_all(cast(Any, how.rest)):
                for ex in how.exclusions:
                    want = node.matches(**cast(Any, ex))
                    assert rules_plan.holds(node, ex) == want, f"{rule.id} on {path.name}: {node.text()[:80]!r}"
                    compared += 1
                    excluded += want
    assert compared > 100 and excluded > 10  # both outcomes were seen


def test_exclusions_agree_on_every_node_of_a_real_module() -> None:
    """Not only on candidates: every node of one real module, against every exclusion of every rule."""
    source = Path(sysconfig.get_paths()["stdlib"]) / "argparse.py"
    root = rules_match.parse(source.read_text(encoding="utf-8"))
    nodes = _all_nodes(root)[::80]  # every 80th: a few thousand checks, a few seconds
    exclusions = [ex for r in EXCLUDING for ex in rules_plan.plan(cast(Any, r.matcher)).exclusions]
    held = 0
    for ex in exclusions:
        for node in nodes:
            want = node.matches(**cast(Any, ex))
            assert rules_plan.holds(node, ex) == want, f"{ex} on {node.kind()} {node.text()[:60]!r}"
            held += want
    assert held > 50


def test_holds_follows_ast_grep_relations_and_regexes() -> None:
    root = rules_match.parse("f(a, key=g(b))\nx = [y]\n")
    call = root.find(kind="call", regex="^f")
    inner = root.find(kind="call", regex="^g")
    assert call is not None and inner is not None
    b = inner.find(kind="identifier", regex="^b$")
    assert b is not None
    cases: list[tuple[Any, dict[str, Any]]] = [
        (b, {"inside": {"kind": "call"}}),  # the parent is an argument_list, not a call
        (b, {"inside": {"kind": "call", "stopBy": "end"}}),
        (b, {"inside": {"kind": "call", "stopBy": "end", "field": "arguments"}}),
        (inner, {"inside": {"kind": "keyword_argument", "field": "value"}}),
        (inner, {"inside": {"kind": "keyword_argument", "field": "name"}}),  # in the other field
        (call, {"has": {"field": "arguments", "has": {"kind": "keyword_argument", "regex": "^key="}}}),
        (call, {"has": {"kind": "identifier", "regex": "^g$"}}),  # only children, not descendants
        (call, {"has": {"kind": "identifier", "regex": "^b$", "stopBy": "end"}}),  # to ast-grep
        (call, {"has": {"field": "arguments", "kind": "identifier", "regex": "^b$", "stopBy": "end"}}),
        (call, {"regex": "(?i)^F\\("}),
        (call, {"regex": "[[:alpha:]]"}),  # Rust's class syntax: ast-grep's regex engine decides
        (call, {"not": {"any": [{"kind": "list"}, {"all": [{"kind": "call"}, {"regex": "g"}]}]}}),
        (call, {"nthChild": 1, "inside": {"kind": "expression_statement"}}),  # a key ast-grep answers
    ]
    for node, rule in cases:
        assert rules_plan.holds(node, rule) == node.matches(**rule), rule
    assert [rules_plan.holds(n, r) for n, r in cases[:5]] == [False, True, True, True, False]
    # A regex Python would read otherwise is ast-grep's, and then a rule is not checked locally.
    assert rules_plan._python_regex("[[:alpha:]]") is None
    assert rules_plan._local({"regex": "^a$"}) and not rules_plan._local({"regex": "[[:alpha:]]"})
    assert not rules_plan._local({"has": {"regex": "^a$", "stopBy": "end"}})
    assert rules_plan._local({"has": {"kind": "call", "stopBy": "end"}})


def test_trailing_newline_is_read_as_ast_grep_reads_it() -> None:
    """Python's `$` matches before a final newline; Rust's does not: such text is ast-grep's to judge."""
    root = rules_match.parse("if x:\n    pass\n")
    module = root  # the module's text ends with a newline
    assert module.text().endswith("\n")
    assert rules_plan.holds(module, {"regex": "pass$"}) == module.matches(regex="pass$")
