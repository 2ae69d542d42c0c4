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
node of its pattern. `tests/test_rules_plan.py` checks the two against the plain `find_all` on real
code. Measured in BENCHMARKS.md (rules speed, issue 12).
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
        return Plan({**config, "rule": rest}, tuple(exclusions), None)
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
        if len(candidates) <= FEW:
            return [node for node in candidates if not any(node.matches(**cast(Any, ex)) for ex in how.exclusions)]
    elif how.core is not None and root.find(cast(Any, {"rule": how.core})) is None:
        return []
    return root.find_all(cast(Any, dict(config)))
