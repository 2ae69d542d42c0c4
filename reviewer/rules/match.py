"""Structural matching with ast-grep (`ast-grep-py`): one parse per file, every rule on that tree.

ast-grep's Python binding applies edits but does not expand a fix template's
meta-variables, so `expand` does that (`$NAME` and `$$$NAME`, as ast-grep's
`fix:` defines them) before `commit_edits`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, cast

from reviewer.records import Rule, Suggestion

if TYPE_CHECKING:
    from ast_grep_py import SgNode

_METAVAR = re.compile(r"\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)")


@dataclass(frozen=True)
class Match:
    """One place a rule's ast-grep matcher matched; lines and columns are 1-based."""

    rule: Rule
    line: int
    end_line: int
    column: int
    start: int  # character offsets into the source
    end: int
    text: str
    fixed: Optional[str]  # the matched text rewritten by the rule's fix, if it has one
    # Set on a match with a fix when its file surely does not parse (`surely_broken`): the fix
    # cannot be checked (rules.verify), and CPython need not be asked again.
    broken: bool = False


def check(config: Mapping[str, Any], language: str = "python") -> Optional[str]:
    """Compile an ast-grep config against an empty tree; the error text if it does not compile."""
    from ast_grep_py import SgRoot

    try:
        SgRoot("", language).root().find_all(cast(Any, dict(config)))
    except BaseException as exc:  # noqa: BLE001 - the binding raises bare Exception/RuntimeError/pyo3 panics
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return _first_lines(str(exc))
    return None


def _first_lines(message: str) -> str:
    """ast-grep errors carry a 'Caused by' chain and a Rust backtrace; keep the causes only."""
    keep: list[str] = []
    for raw in message.splitlines():
        line = raw.strip()
        if line.startswith("Stack backtrace"):
            break
        if not line or line == "Caused by:":
            continue
        keep.append(re.sub(r"^\d+:\s*", "", line))
    return "; ".join(keep) or "invalid rule"


def expand(template: str, node: "SgNode", source: str) -> str:
    """Fill a fix template's meta-variables from a match (`source` is the whole file's text)."""

    def one(m: re.Match[str]) -> str:
        if m.group(1):
            nodes = node.get_multiple_matches(m.group(1))
            if not nodes:
                return ""
            return source[nodes[0].range().start.index:nodes[-1].range().end.index]
        name = m.group(2)
        hit = node.get_match(name)
        if hit is not None:
            return hit.text()
        return _reindent(node.get_transformed(name) or "", node, source)

    return _METAVAR.sub(one, template)


def _reindent(text: str, node: "SgNode", source: str) -> str:
    """ast-grep de-indents multi-line transform output; put the match's indentation back."""
    if "\n" not in text:
        return text
    start = node.range().start.index
    line_start = source.rfind("\n", 0, start) + 1
    prefix = source[line_start:start]
    indent = prefix[: len(prefix) - len(prefix.lstrip(" \t"))]
    first, *rest = text.split("\n")
    return "\n".join([first, *[(indent + line) if line.strip() else line for line in rest]])


def match_tree(root: "SgNode", rules: Iterable[Rule], deferred: bool = True) -> list[Match]:
    """Run every pattern rule over one parsed tree.

    Rules with `calls:`/`names:` keep only the candidates that resolve to their canonical
    names through this file's imports (reviewer.rules.resolve); a `focus:` argument becomes
    the reported node. A `fix_when:` rule the node fails withholds the fix.
    """
    from reviewer.rules import plan as rules_plan, resolve as rules_resolve

    out: list[Match] = []
    source: Optional[str] = None
    resolve: Optional[rules_resolve.Resolver] = None
    for rule in rules:
        if rule.matcher is None:
            continue
        if rule.gate is not None and root.find(cast(Any, {"rule": rule.gate})) is None:
            continue  # no node passes the cheap first look: the full rule cannot match this file
        matcher = rule.matcher
        if rule.refs is not None:
            resolve = resolve or rules_resolve.Resolver(root)
            matcher = rules_resolve.matcher_for(matcher, rule.refs, resolve)
        how = rules_plan.cached(matcher) if matcher is rule.matcher else rules_plan.plan(matcher)
        for node in rules_plan.find_all(root, matcher, how):
            shown = node
            if rule.refs is not None and resolve is not None:
                ok, focus = rules_resolve.accept(rule.refs, node, resolve)
                if not ok:
                    continue
                shown = focus or node
            if _never_runs(shown):
                continue
            rng = shown.range()
            fixed = None
            if rule.fix is not None and (rule.fix_when is None or node.matches(**dict(rule.fix_when))) \
                    and not _chained(shown):
                source = root.text() if source is None else source
                fixed = expand(rule.fix, shown, source)
            out.append(Match(rule, rng.start.line + 1, rng.end.line + 1, rng.start.column + 1,
                             rng.start.index, rng.end.index, shown.text(), fixed))
    return without_deferred(out) if deferred else out


_FALSE_KINDS = ("false", "none")


def _constant_false(cond: Optional["SgNode"]) -> bool:
    """`False`, `0`, `None`, `(False)`, or `False and ...`: a condition that is false before anything runs."""
    while cond is not None and cond.kind() == "parenthesized_expression":
        cond = next((c for c in cond.children() if c.is_named()), None)
    if cond is None:
        return False
    if cond.kind() in _FALSE_KINDS or (cond.kind() == "integer" and cond.text() in ("0", "0x0", "0o0", "0b0")):
        return True
    if cond.kind() == "boolean_operator":
        op = cond.field("operator")
        return op is not None and op.text() == "and" and _constant_false(cond.field("left"))
    return False


def _never_runs(node: "SgNode") -> bool:
    """The node is in the body of `if False:` / `if 0:` / `if False and ...:` (or such an `elif` or `while`):
    code switched off where it stands, which nothing runs. pymca's `if False and ('LastFit' in d):` blocks
    (held-out round 600): a comment there is noise. A function called only from such a branch is not seen."""
    start = node.range().start.index
    at = node.parent()
    while at is not None:
        kind = at.kind()
        if kind in ("if_statement", "elif_clause", "while_statement"):
            body = at.field("consequence" if kind != "while_statement" else "body")
            if body is not None and body.range().start.index <= start < body.range().end.index \
                    and _constant_false(at.field("condition")):
                return True
        at = at.parent()
    return False


def _chained(node: "SgNode") -> bool:
    """A comparison of three or more operands (`a == None == b`, `1 <= len(x) <= 2`).

    ast-grep's pattern `$X == None` takes such a chain by its first operands, and a template written
    for two (`$X is None`) would drop the rest: no fix is offered there (the finding stays)."""
    return node.kind() == "comparison_operator" and sum(1 for c in node.children() if c.is_named()) > 2


def without_deferred(matches: list[Match]) -> list[Match]:
    """Drop a match whose rule `defers_to` a rule that matched the same node (one comment, not two).

    Cheaper than spelling the other rule's pattern into a `not:`: ast-grep-py compiles a rule's
    regexes on every `find_all`, and the other rule has matched already."""
    if not any(m.rule.defers_to for m in matches):
        return matches
    seen = {(m.rule.id, m.start, m.end) for m in matches}
    return [m for m in matches if not any((other, m.start, m.end) in seen for other in m.rule.defers_to)]


def parse(text: str, language: str = "python") -> "SgNode":
    from ast_grep_py import SgRoot

    return SgRoot(text, language).root()


_REQUIREMENTS: dict[int, Any] = {}


def may_match(rule: Rule, text: str) -> bool:
    """Cheap text pre-filter (see rules_prefilter): False only when the rule cannot match."""
    from reviewer.rules import prefilter as rules_prefilter

    if rule.matcher is None:
        return False
    key = id(rule.matcher)
    if key not in _REQUIREMENTS:
        req = rules_prefilter.for_matcher(rule.matcher)
        first = None
        if rule.refs is not None:  # every segment of some canonical name must be in the text
            req = rules_prefilter.all_of([req, rules_prefilter.any_of(
                [rules_prefilter.all_of(list(words)) for words in rule.refs.segments()])])
            # A quick look for the few module names first: most files use none of a crypto rule's modules.
            segments = rule.refs.segments()
            if all(segments):
                first = tuple(sorted({words[0] for words in segments}))
        _REQUIREMENTS[key] = (rule.matcher, rules_prefilter.compile_req(req), first)
    _matcher, test, first = _REQUIREMENTS[key]
    if first is not None and not any(w in text for w in first):
        return False
    return bool(test(text))


def match_text(text: str, rules: Iterable[Rule], language: Optional[str] = None,
               deferred: bool = True) -> list[Match]:
    """Parse `text` once per language and run every rule that may match on that tree.

    `deferred=False` keeps the matches a rule's `defers_to` would drop, for a caller that drops some rules'
    matches first and then applies `without_deferred` itself (the review task: a file's contexts may skip a
    rule another defers to).

    Rules are grouped by their `language` (normally one group: a file is parsed
    once); with no rule left after the text pre-filter the file is not parsed at all.
    """
    groups: dict[str, list[Rule]] = {}
    for r in rules:
        if may_match(r, text):
            groups.setdefault(language or r.language, []).append(r)
    out: list[Match] = []
    for lang, live in groups.items():
        root = parse(text, lang)
        found = match_tree(root, live, deferred)
        if lang == "python" and any(m.fixed is not None for m in found) and surely_broken(root):
            found = [replace(m, broken=True) if m.fixed is not None else m for m in found]
        out += found
    return out


def surely_broken(root: "SgNode") -> bool:
    """True when a Python tree shows a syntax error: an ERROR node, or a block with nothing in it.

    tree-sitter recovers from errors, so a file cut mid-function still has a tree; its
    recovery leaves an ERROR node or an empty (zero-width) `block`, which valid Python never
    has. Used to decide "this file does not parse" from the parse matching already did: on
    14,844 files of 57 public repositories it never called a file broken that CPython accepts,
    except 8 parser test fixtures of black and ruff (odd syntax on purpose). The converse does
    not hold (tree-sitter accepts some code CPython rejects), so False means "ask CPython".
    """
    return root.find(cast(Any, {"rule": {"any": [{"kind": "ERROR"}, {"kind": "block", "regex": "^$"}]}})) is not None


def suggestion(path: str, text: str, m: Match) -> Optional[Suggestion]:
    """Whole-line replacement for a match's lines, as a committable suggestion."""
    if m.fixed is None:
        return None
    line_start = text.rfind("\n", 0, m.start) + 1
    nl = text.find("\n", m.end)
    line_end = len(text) if nl < 0 else nl
    replacement = text[line_start:m.start] + m.fixed + text[m.end:line_end]
    return Suggestion(path, m.line, m.end_line, replacement)


def apply_fixes(text: str, matches: Iterable[Match]) -> str:
    """Apply every fix once, skipping any that overlaps one already applied (like `ast-grep -U`)."""
    chosen: list[Match] = []
    last_end = -1
    for m in sorted((m for m in matches if m.fixed is not None), key=lambda m: (m.start, -m.end)):
        if m.start >= last_end:
            chosen.append(m)
            last_end = m.end
    out = text
    for m in reversed(chosen):
        out = out[:m.start] + (m.fixed or "") + out[m.end:]
    return out


# --- many files at once ---------------------------------------------------------------------

# Worth forking for: below this many changed lines, process start-up costs more than it saves.
PARALLEL_MIN_CHARS = 200_000
_POOL_RULES: list[Rule] = []


def _match_job(job: tuple[str, tuple[int, ...], bool]) -> list[tuple[int, int, int, int, int, int, str, Optional[str],
                                                                     bool]]:
    """Worker side: match one file; rules travel as indexes into the list inherited by fork."""
    text, indexes, deferred = job
    index_of = {id(_POOL_RULES[i]): i for i in indexes}
    return [(index_of[id(m.rule)], m.line, m.end_line, m.column, m.start, m.end, m.text, m.fixed, m.broken)
            for m in match_text(text, [_POOL_RULES[i] for i in indexes], deferred=deferred)]


def match_files(jobs: list[tuple[str, list[Rule]]], rules: list[Rule], deferred: bool = True) -> list[list[Match]]:
    """Match many files; large change sets are split across CPU cores (fork start method only).
    `deferred`: as for `match_text`.

    ast-grep-py holds the GIL while matching, so threads do not help; forked
    workers inherit the loaded rules and return plain tuples.
    """
    import multiprocessing
    import os

    try:  # REVIEWER_JOBS=1 forces one process (e.g. to measure, or where fork is unwelcome)
        workers = int(os.environ.get("REVIEWER_JOBS", "0")) or min(os.cpu_count() or 1, 8)
    except ValueError:
        workers = 1
    size = sum(len(text) for text, _r in jobs)
    if workers < 2 or size < PARALLEL_MIN_CHARS or len(jobs) < 4 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return [match_text(text, here, deferred=deferred) for text, here in jobs]
    global _POOL_RULES
    _POOL_RULES = list(rules)
    position = {id(r): i for i, r in enumerate(_POOL_RULES)}
    payload = [(text, tuple(position[id(r)] for r in here), deferred) for text, here in jobs]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            raw = pool.map(_match_job, payload, chunksize=max(1, len(payload) // (workers * 4)))
    finally:
        _POOL_RULES = []
    return [[Match(rules[i], line, end_line, column, start, end, text, fixed, broken)
             for (i, line, end_line, column, start, end, text, fixed, broken) in out] for out in raw]
