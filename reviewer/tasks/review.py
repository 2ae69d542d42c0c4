"""The `review` task: structural rules over the changed files, then the model (when there is one).

Pattern rules give deterministic findings (confidence 1.0). Pattern+judge rules
give candidates that the model confirms; judge-only rules are the model's
alone. Inline suppressions apply to every finding, and unused ones are
reported. Findings leave unfiltered: the router applies the filter mode.
"""

from __future__ import annotations

from typing import Optional

from reviewer import rules as rulesmod
from reviewer.rules import match as rules_match, suppress as rules_suppress, verify as rules_verify
from reviewer.records import FileChange, FileStatus, Finding, Routed, Rule, RuleKind, Skipped, Why
from reviewer.tasks import TaskContext, TaskOutput

NO_MODEL_NOTE = "model review is not built yet in this version: rules only"
RULE_TEST_SKIP = "rule test case (checked by `reviewer rules test`, not reviewed)"
UNCONFIRMED = 0.5  # confidence of a pattern+judge candidate that no model has confirmed


def _wanted(change: FileChange, filter_mode: str) -> bool:
    """Whether a file is worth matching: with the default filter only added lines can carry findings."""
    if change.status == FileStatus.DELETED or change.binary:
        return False
    return bool(change.added_lines) or filter_mode in ("file", "nofilter", "diff_context")


def _findings(path: str, text: str, matches: list[rules_match.Match]) -> tuple[list[Finding], list[Finding]]:
    """(pattern findings, pattern+judge candidates) from one file's matches."""
    found: list[Finding] = []
    candidates: list[Finding] = []
    for m in matches:
        r = m.rule
        f = Finding(r.id, r.pack, path, m.line, m.end_line, r.severity, r.title, 1.0,
                    suggestion=rules_match.suggestion(path, text, m), column=m.column, snippet=m.text)
        (candidates if r.kind == RuleKind.PATTERN_JUDGE else found).append(f)
    return found, candidates


def _model_review(ctx: TaskContext, rules: list[Rule], candidates: list[Finding]) -> Optional[TaskOutput]:
    """The model engine's review, or None when it is not part of this build."""
    try:
        from reviewer.engine.review import review_hunks  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name and not exc.name.startswith("reviewer"):
            raise
        return None
    out: TaskOutput = review_hunks(ctx, rules, candidates)
    return out


def run(ctx: TaskContext) -> TaskOutput:
    """Run the rules (and the model, when configured) over the changed files."""
    out = TaskOutput()
    all_rules, rules = rulesmod.load(ctx.root, ctx.config.rules)
    known = {r.id for r in all_rules} | {r.pack for r in all_rules}
    pattern_rules = [r for r in rules if r.matcher is not None]
    found: list[Finding] = []
    candidates: list[Finding] = []
    sups: dict[str, list[rules_suppress.Suppression]] = {}
    checkable: dict[str, set[str]] = {}
    jobs: list[tuple[str, str, list[Rule]]] = []
    for change in ctx.changes.files:
        if not _wanted(change, ctx.config.filter_mode):
            continue
        if rulesmod.is_rule_test(ctx.root, ctx.config.rules, change.path):
            out.skipped.append(Skipped(change.path, RULE_TEST_SKIP))
            continue
        here = [r for r in pattern_rules if rulesmod.applies_to(r, change.path)]
        # Python files are read even when no rule applies, for their suppression comments.
        text = ctx.text(change.path) if here or change.path.endswith((".py", ".pyi")) else None
        if text is None:
            continue
        sups[change.path] = rules_suppress.parse(text, change.path)
        checkable[change.path] = {r.id for r in here if r.kind == RuleKind.PATTERN} | {
            r.pack for r in here if r.kind == RuleKind.PATTERN}
        if here:
            jobs.append((change.path, text, here))
    # Each file is parsed once and every rule runs on that one tree (across cores for big diffs).
    all_matches = rules_match.match_files([(text, here) for _p, text, here in jobs], pattern_rules)
    by_path = {c.path: c for c in ctx.changes.files}
    for (path, text, here), matches in zip(jobs, all_matches):
        f, c = _findings(path, text, matches)
        if any(x.suggestion is not None for x in f + c):
            # A fix is shown only after it was applied to a copy and re-checked (rules.verify).
            # Inside the changed hunks (where a review suggestion can apply), unless the run looks wider.
            wide = ctx.config.filter_mode in ("file", "nofilter")
            allowed = None if wide else by_path[path].hunk_lines
            f = rules_verify.withhold_unverified(path, text, f, here, allowed)
            c = rules_verify.withhold_unverified(path, text, c, here, allowed)
        found += f
        candidates += c

    model_out = None
    if ctx.config.model.backend != "none":
        model_out = _model_review(ctx, rules, candidates)
        if model_out is None:
            out.notes.append(NO_MODEL_NOTE)
    if model_out is not None:
        found += model_out.findings
        out.routed += model_out.routed
        out.skipped += model_out.skipped
        out.notes += model_out.notes
    else:
        found += [_unconfirmed(c) for c in candidates]
        # Count only those the router will report: one outside the diff is not "reported".
        from reviewer.router import in_scope

        shown = [c for c in candidates if in_scope(c, ctx.changes, ctx.config.filter_mode)]
        if shown:
            out.notes.append(f"{len(shown)} pattern+judge finding(s) reported unconfirmed "
                             f"(confidence {UNCONFIRMED}): no model ran to confirm them")
        judges = [r for r in rules if r.kind == RuleKind.JUDGE]
        if judges:
            out.notes.append(f"{len(judges)} judge-only rule(s) need the model and did not run")

    _suppress(found, sups, checkable, known, out)
    return out


def _unconfirmed(f: Finding) -> Finding:
    from dataclasses import replace

    return replace(f, confidence=UNCONFIRMED, message=f"{f.message} (unconfirmed: no model)")


def _suppress(found: list[Finding], sups: dict[str, list[rules_suppress.Suppression]],
              checkable: dict[str, set[str]], known: set[str], out: TaskOutput) -> None:
    by_path: dict[str, list[Finding]] = {}
    for f in found:
        by_path.setdefault(f.path, []).append(f)
    for path, fs in by_path.items():
        kept, dropped = rules_suppress.split(fs, sups.get(path, []))
        out.findings += kept
        out.routed += [Routed(f, False, Why.SUPPRESSED) for f in dropped]
    for path, ss in sups.items():
        out.findings += rules_suppress.unused(path, ss, checkable.get(path, set()), known)
