"""Cheaper ways to run one rule's ast-grep matcher on a tree, with the same result.

ast-grep-py compiles a rule's config on every `find_all` call, and compiling its regexes costs more
than matching a 100-line file: a Unicode class, a negated class or `(?i)` takes a tenth of a
millisecond or more each time. Most rules match nothing in most files, and their regexes sit mostly
in exclusions (`not:`), which only matter where the rest of the rule matched. So, per rule:

- Exclusions that use no meta-variable and no util (`matches:`) are split off. The rest of the rule
  runs first; the exclusions are then checked on its candidates one by one (`SgNode.matches`), or,
  past a few candidates, the whole rule runs as written (one compile costs less than many).
- Otherwise, when the rule's top level names a `pattern` (directly, in every branch of an `any`, or
  in one item of an `all`) and says more than that pattern, a `find` of the pattern alone (no regex,
  no relation) goes first: no such node, and the rule cannot match. After a split, the same first
  look goes before the rest when the rest still compiles a regex or a util (le-len-guard).

Both are exact: a node matches the rule if and only if it matches the rest and none of the split-off
exclusions (they bind nothing, so their order does not matter), and every match of the rule is a
node of its pattern.

The split-off exclusions are checked here, in Python (`holds`), where ast-grep would compile them again
for every call: `kind`, `regex` (Python's `re`, compiled once; a pattern Python might read otherwise
goes to ast-grep), `any`, `all`, `not`, and `has` / `inside` with their `field` and `stopBy`, as
ast-grep's relational rules define them (a parent or every ancestor; a child or, through ast-grep,
every descendant). Anything else is asked of ast-grep for that one piece (`SgNode.matches`). When no
regex has to go to ast-grep that way (`Plan.local`), every candidate is checked here, however many.
`tests/test_rules_plan.py` checks the two against the plain `find_all` on real code. Measured in
BENCHMARKS.md (rules speed, issue 12).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, cast

if TYPE_CHECKING:
    from ast_grep_py import SgNode

# Past this many candidates in a file, running the whole rule once is cheaper than checking each.
FEW = 3
# `$X`, `$$$ARGS`, `$_` (or `µX`, which ast-grep's Python takes for `$X`): a meta-variable, or anything that
# might be one; a regex's `$` anchor ends its string or comes before `|` or `)`.
_METAVAR = re.compile(r"[$\u00b5][A-Za-z0-9_$]")


@dataclass(frozen=True)
class Plan:
    rest: Optional[Mapping[str, Any]]  # the config without the split-off exclusions (None: nothing split)
    exclusions: tuple[Mapping[str, Any], ...]
    core: Optional[Mapping[str, Any]]  # a pattern every match has, when it is worth a look first
    local: bool = False  # the exclusions need no regex compiled by ast-grep: check candidates in Python


def _binds_or_uses(rule: Any) -> bool:
    text = json.dumps(rule, ensure_ascii=False)
    return bool(_METAVAR.search(text)) or '"matches"' in text


def _split(rule: Any, out: list[Mapping[str, Any]]) -> Any:
    """`rule` without its top-level exclusions that use no meta-variable or util (appended to `out`)."""
    if not isinstance(rule, dict):
        return rule
    rule = dict(rule)
    if "not" in rule and len(rule) > 1 and not _binds_or_uses(rule["not"]):
        out.append(rule.pop("not"))
    has = rule.get("has")
    if isinstance(has, dict) and "field" in has and has.get("stopBy", "neighbor") == "neighbor" \
            and isinstance(has.get("not"), dict) and len(has) > 2 and not _binds_or_uses(has["not"]) \
            and not {"field", "stopBy"} & set(has["not"]):
        # The one child in that field: `has: {field: F, X, not: N}` is `has: {field: F, X}` and not
        # `has: {field: F, N}` (exception-not-raised's names that log or set an error, not raise one).
        has = dict(has)
        out.append({"has": {"field": has["field"], **has.pop("not")}})
        rule["has"] = has
    if isinstance(rule.get("all"), list):
        here = [item["not"] for item in rule["all"]
                if isinstance(item, dict) and set(item) == {"not"} and not _binds_or_uses(item["not"])]
        kept = [_split(item, out) for item in rule["all"]
                if not (isinstance(item, dict) and set(item) == {"not"} and not _binds_or_uses(item["not"]))]
        if kept:  # (an `all` of exclusions alone stays as it is: a rule needs something positive)
            rule["all"] = kept
            out.extend(here)
    return rule


def _core(rule: Any) -> Optional[dict[str, Any]]:
    """A rule that every node matching `rule` also matches, made of patterns alone; None if there is none."""
    if not isinstance(rule, dict):
        return None
    if "pattern" in rule:
        return {"pattern": rule["pattern"]}
    if isinstance(rule.get("all"), list):
        for item in rule["all"]:
            found = _core(item)
            if found is not None:
                return found
    if isinstance(rule.get("any"), list) and rule["any"]:
        branches = [_core(item) for item in rule["any"]]
        if all(b is not None for b in branches):
            return {"any": branches}
    return None


def plan(config: Mapping[str, Any]) -> Plan:
    rule = config.get("rule")
    exclusions: list[Mapping[str, Any]] = []
    rest = _split(rule, exclusions)
    if exclusions and rest:
        # What is left may still compile regexes or utils on every call (le-len-guard's `unguarded-index`):
        # then its pattern alone looks first, as below.
        core = _core(rest)
        if core == rest or not _compiles(rest, config):
            core = None
        return Plan({**config, "rule": rest}, tuple(exclusions), core,
                    local=all(_local(ex) for ex in exclusions))
    core = _core(rule)
    if core == rule:
        core = None  # the pattern is the whole rule: a first look would only double the work
    return Plan(None, (), core)


def _compiles(rule: Any, config: Mapping[str, Any]) -> bool:
    """Whether ast-grep compiles more than patterns and kinds for `rule`: a regex, or a util it names."""
    text = json.dumps(rule, ensure_ascii=False)
    return '"regex"' in text or ('"matches"' in text and bool(config.get("utils")))


_PLANS: dict[int, tuple[Mapping[str, Any], Plan]] = {}


def cached(config: Mapping[str, Any]) -> Plan:
    """`plan(config)` for a config that lives as long as the process (a loaded rule's matcher)."""
    hit = _PLANS.get(id(config))
    if hit is None or hit[0] is not config:
        hit = (config, plan(config))
        _PLANS[id(config)] = hit
    return hit[1]


def find_all(root: "SgNode", config: Mapping[str, Any], how: Plan) -> list["SgNode"]:
    """The same nodes as `root.find_all(config)`, in the same order, usually for less work."""
    if how.core is not None and root.find(cast(Any, {"rule": how.core})) is None:
        return []
    if how.rest is not None:
        candidates = root.find_all(cast(Any, how.rest))
        if not candidates:
            return []
        if how.local or len(candidates) <= FEW:
            checks = [_check(ex) for ex in how.exclusions]
            return [node for node in candidates if not any(check(node) for check in checks)]
    return root.find_all(cast(Any, dict(config)))


# --- exclusions checked in Python ------------------------------------------------------------------

# Rust regex syntax that Python's `re` reads differently or not at all: such a regex goes to ast-grep.
_FOREIGN = re.compile(r"\[\[|\\[pPzAQE]|&&|--|~~|\(\?[a-z]*x|\\<|\\>")
_REGEXES: dict[str, Optional["re.Pattern[str]"]] = {}
_RELATIONS = ("has", "inside")


def _python_regex(pattern: str) -> Optional["re.Pattern[str]"]:
    if pattern not in _REGEXES:
        compiled: Optional[re.Pattern[str]] = None
        if not _FOREIGN.search(pattern):
            try:
                compiled = re.compile(pattern)
            except (re.error, FutureWarning):
                compiled = None
        _REGEXES[pattern] = compiled
    return _REGEXES[pattern]


def _delegated(key: str, value: Any) -> bool:
    """Whether `holds` asks ast-grep for this key of a rule (see `holds`)."""
    if key == "regex":
        return not isinstance(value, str) or _python_regex(value) is None
    if key in _RELATIONS:
        if not isinstance(value, dict) or value.get("stopBy", "neighbor") not in ("neighbor", "end"):
            return True
        return key == "has" and value.get("stopBy", "neighbor") == "end"
    return key not in ("kind", "any", "all", "not")


def _local(rule: Any) -> bool:
    """True when checking `rule` in Python compiles no regex in ast-grep (so per candidate is cheap)."""
    if not isinstance(rule, dict):
        return False
    for key, value in rule.items():
        if _delegated(key, value):
            if '"regex"' in json.dumps(value) or key == "regex":
                return False
            continue
        if key in ("any", "all"):
            if not isinstance(value, list) or not all(_local(item) for item in value):
                return False
        elif key == "not" or key in _RELATIONS:
            sub = {k: v for k, v in value.items() if k not in ("stopBy", "field")} if key in _RELATIONS else value
            if not _local(sub):
                return False
    return True


def holds(node: "SgNode", rule: Mapping[str, Any]) -> bool:
    """`node.matches(**rule)` for a rule that binds no meta-variable and uses no util, mostly in Python.

    ast-grep's semantics (ast-grep-config's relational_rule.rs): `inside` looks at the parent
    (`stopBy: neighbor`, the default) or at every ancestor (`end`); with `field`, an ancestor counts only
    where the node below it on the way up is its child in that field. `has` looks at every child
    (named or not), or with `field` at the child in that field; `has` with `stopBy: end` goes to ast-grep.
    The rule is turned into nested Python closures once (`_check`) and kept as long as the rule lives: a
    candidate then costs a few calls, not a walk over the rule's dictionaries.
    """
    return _check(rule)(node)


_Check = Callable[["SgNode"], bool]
_CHECKS: dict[int, tuple[Mapping[str, Any], _Check]] = {}


def _check(rule: Mapping[str, Any]) -> _Check:
    hit = _CHECKS.get(id(rule))
    if hit is None or hit[0] is not rule:
        hit = (rule, _compile(rule))
        _CHECKS[id(rule)] = hit
    return hit[1]


def _compile(rule: Mapping[str, Any]) -> _Check:
    return _all([_compile_key(key, value) for key, value in rule.items()])


def _all(parts: list[_Check]) -> _Check:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts
        return lambda node: first(node) and second(node)

    def every(node: "SgNode") -> bool:
        for part in parts:
            if not part(node):
                return False
        return True
    return every


def _any(parts: list[_Check]) -> _Check:
    if len(parts) == 1:
        return parts[0]

    def some(node: "SgNode") -> bool:
        for part in parts:
            if part(node):
                return True
        return False
    return some


def _compile_key(key: str, value: Any) -> _Check:
    if _delegated(key, value):
        asked = cast(Any, {key: value})
        return lambda node: node.matches(**asked)
    if key == "kind":
        # ast-grep's `kind` names a named node; an anonymous token of the same name is ast-grep's to judge.
        return lambda node: node.kind() == value and (node.is_named() or node.matches(kind=value))
    if key == "regex":
        pattern = cast("re.Pattern[str]", _python_regex(value))

        def regex(node: "SgNode") -> bool:
            text = node.text()
            if text.endswith("\n"):  # Python's `$` also matches before a final newline; Rust's does not
                return node.matches(regex=value)
            return pattern.search(text) is not None
        return regex
    if key in ("any", "all"):
        items = [_compile(item) for item in value]
        return _any(items) if key == "any" else _all(items)
    if key == "not":
        inner = _compile(value)
        return lambda node: not inner(node)
    field = value.get("field")
    sub = _compile({k: v for k, v in value.items() if k not in ("stopBy", "field")})
    if key == "has":  # stopBy: neighbor (`end` was delegated)
        if field is not None:
            def has_field(node: "SgNode") -> bool:
                child = node.field(field)
                return child is not None and sub(child)
            return has_field
        return lambda node: any(sub(child) for child in node.children())
    # inside
    if value.get("stopBy", "neighbor") != "end":
        def inside_parent(node: "SgNode") -> bool:
            parent = node.parent()
            if parent is None:
                return False
            if field is not None:
                child = parent.field(field)
                if child is None or child != node:
                    return False
            return sub(parent)
        return inside_parent

    if field is None and value.get("kind") == "module":
        # Only the root is a module: the answer is the same for every node of a tree but the root itself,
        # so it is worked out once per tree (compare-to-none asks what the module imports, per candidate).
        last: list[Any] = [None, False]

        def inside_module(node: "SgNode") -> bool:
            if node.kind() == "module":
                return False
            tree = node.get_root()
            if last[0] is not tree:
                last[0], last[1] = tree, sub(tree.root())
            return bool(last[1])
        return inside_module

    def inside_any(node: "SgNode") -> bool:
        below = node
        for ancestor in node.ancestors():
            fits = True
            if field is not None:
                child = ancestor.field(field)
                fits = child is not None and child == below
            below = ancestor
            if fits and sub(ancestor):
                return True
        return False
    return inside_any
