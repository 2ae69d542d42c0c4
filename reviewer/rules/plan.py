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
  no relation) goes first: no such node, and the rule cannot match.

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
from typing import TYPE_CHECKING, Any, Mapping, Optional, cast

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
        return Plan({**config, "rule": rest}, tuple(exclusions), None,
                    local=all(_local(ex) for ex in exclusions))
    core = _core(rule)
    if core == rule:
        core = None  # the pattern is the whole rule: a first look would only double the work
    return Plan(None, (), core)


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
    if how.rest is not None:
        candidates = root.find_all(cast(Any, how.rest))
        if not candidates:
            return []
        if how.local or len(candidates) <= FEW:
            return [node for node in candidates if not any(holds(node, ex) for ex in how.exclusions)]
    elif how.core is not None and root.find(cast(Any, {"rule": how.core})) is None:
        return []
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
    """
    for key, value in rule.items():
        if not _holds_key(node, key, value):
            return False
    return True


def _holds_key(node: "SgNode", key: str, value: Any) -> bool:
    if _delegated(key, value):
        return node.matches(**cast(Any, {key: value}))
    if key == "kind":
        if node.kind() != value:
            return False
        # ast-grep's `kind` names a named node; an anonymous token of the same name is ast-grep's to judge.
        return node.is_named() or node.matches(kind=value)
    if key == "regex":
        text = node.text()
        if text.endswith("\n"):  # Python's `$` also matches before a final newline; Rust's does not
            return node.matches(regex=value)
        return bool(cast("re.Pattern[str]", _python_regex(value)).search(text))
    if key == "any":
        return any(holds(node, item) for item in value)
    if key == "all":
        return all(holds(node, item) for item in value)
    if key == "not":
        return not holds(node, value)
    field = value.get("field")
    sub = {k: v for k, v in value.items() if k not in ("stopBy", "field")}
    if key == "has":  # stopBy: neighbor (`end` was delegated)
        if field is not None:
            child = node.field(field)
            return child is not None and holds(child, sub)
        return any(holds(child, sub) for child in node.children())
    # inside
    everywhere = value.get("stopBy", "neighbor") == "end"
    below = node
    up = node.ancestors() if everywhere else [p for p in [node.parent()] if p is not None]
    for ancestor in up:
        fits = True
        if field is not None:
            child = ancestor.field(field)
            fits = child is not None and child == below
        below = ancestor
        if fits and holds(ancestor, sub):
            return True
    return False
