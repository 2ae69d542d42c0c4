"""Model review of changed hunks: the engine side of the `review` task.

`review_hunks(ctx, rules, candidates)`:
- judge-only rules (the built-in `python-bugs` pack, the judge part of
  `python-standards`, a team's `.reviewer/rules/` and its guidelines,
  reviewer/guidelines.py): every changed hunk of a matching file is reviewed
  by the model against them (constrained to the bounded findings schema);
  each finding then gets a confidence from a batched yes/no verification pass;
- a model finding may carry a fix (replacement text for the lines it flags):
  it is shown only when reviewer.rules.verify passes it (inside the changed
  lines, the patched file parses, no pattern rule newly fires); otherwise the
  finding is kept without it and `fix_withheld` says why;
- pattern+judge rules: the pattern's `candidates` are confirmed by the same
  yes/no pass (confidence = P(yes)); `min_confidence` (the router) drops the
  unlikely ones.
A finding anchored outside its hunk, or naming a rule that does not apply,
is dropped and counted in a note. Without a model the candidates are kept
unconfirmed and the report says which judge rules need a model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional, Sequence

from reviewer import rules as rulesmod
from reviewer.diff import git_lines
from reviewer.engine import prompts
from reviewer.engine import shared_backend
from reviewer.records import FileChange, FileStatus, Finding, Rule, RuleKind, Skipped, Source, Suggestion
from reviewer.tasks import TaskContext, TaskOutput

VERIFY_CONTEXT = 3  # lines either side of a finding shown to the verifier
UNCONFIRMED = 0.5  # confidence of a pattern+judge candidate no model could confirm (as tasks/review.py)


@dataclass(frozen=True)
class Draft:
    """A model finding before its confidence: where, what, and the fix it proposes (if any)."""

    rule: Rule
    path: str
    line: int
    end_line: int
    message: str
    fix: Optional[str] = None


def needs_model_note(rules: Sequence[Rule]) -> str:
    """'needs a model: N judge rule(s) did not run (packs ...)' for the report's notes."""
    packs = sorted({r.pack for r in rules})
    return (f"needs a model: {len(rules)} judge rule(s) did not run ({', '.join(packs)}); "
            "configure one with --model / --server (docs/engine.md)")


def model_unavailable(config: Any) -> Optional[str]:
    """Why no model would answer a run with `config` (one line), or None when one is configured.

    Cheap: nothing is loaded and no server is contacted. A server URL counts as
    available; an in-process model needs the `local` extra and, for a folder,
    its config.json; a hub id counts as available unless HF_HUB_OFFLINE is set
    and it is not in the local cache.
    """
    import importlib.util
    import os

    m = config.model
    if m.backend == "none":
        return "model.backend = none"
    if os.environ.get("REVIEWER_SERVER") or m.server or m.backend == "openai":
        return None
    if importlib.util.find_spec("transformers") is None or importlib.util.find_spec("torch") is None:
        return "install reviewer[local]"
    from reviewer.engine.local import _looks_like_path, _offline

    if _looks_like_path(m.model):
        from pathlib import Path

        return None if (Path(m.model).expanduser() / "config.json").is_file() else f"no model at {m.model}"
    if _offline():
        try:
            from huggingface_hub import try_to_load_from_cache

            found = try_to_load_from_cache(m.model, "config.json", revision=m.revision)
        except Exception:  # noqa: BLE001 - any hub problem means: not in the cache
            found = None
        if not isinstance(found, str):
            return f"{m.model} is not in the Hugging Face cache (HF_HUB_OFFLINE)"
    return None


def judge_rules_for(ctx: TaskContext, rules: Sequence[Rule]) -> tuple[list[Rule], list[str]]:
    """The run's judge-only rules: the enabled ones plus the team's guidelines; notes on skipped guideline files."""
    from reviewer import guidelines

    team, notes = guidelines.load(ctx.root, ctx.config.rules)
    return [r for r in rules if r.kind == RuleKind.JUDGE] + team, notes


def review_hunks(ctx: TaskContext, rules: Sequence[Rule], candidates: Sequence[Finding]) -> TaskOutput:
    """Model findings for judge rules, and confirmed pattern+judge candidates; see the module docstring."""
    out = TaskOutput()
    judge_rules, guideline_notes = judge_rules_for(ctx, rules)
    out.notes.extend(guideline_notes)
    if not judge_rules and not candidates:
        return out
    backend, notes = shared_backend(ctx)
    out.notes.extend(notes)
    if backend is None:
        # Same treatment as the review task's own no-model path: kept, but visibly unconfirmed.
        out.findings.extend(replace(c, confidence=UNCONFIRMED, message=f"{c.message} (unconfirmed: no model)")
                            for c in candidates)
        if judge_rules:
            out.notes.append(needs_model_note(judge_rules))
        from reviewer.router import Scope

        scope = Scope(ctx.changes, ctx.config.filter_mode)
        # Rules that wait for the model (`unconfirmed: skip`) are not reported unconfirmed (the review task
        # routes them as below confidence), unless --audit: count only what the router will report.
        quiet = rulesmod.held_for_model(rules, ctx.config.rules)
        shown = [c for c in candidates if c in scope and c.rule not in quiet]
        held = [c for c in candidates if c in scope and c.rule in quiet]
        if shown:  # only those the router will report (not the ones outside the diff)
            out.notes.append(f"{len(shown)} pattern+judge finding(s) reported unconfirmed: no model")
        if held:
            out.notes.append(rulesmod.held_note(len(held)))
        return out
    judge(ctx, backend, rules, judge_rules, candidates, out)
    return out


def judge(ctx: TaskContext, backend: Any, rules: Sequence[Rule], judge_rules: Sequence[Rule],
          candidates: Sequence[Finding], out: TaskOutput,
          rules_of: Optional[Callable[[FileChange], list[Rule]]] = None) -> None:
    """Ask `backend` about every changed hunk (judge rules) and every candidate; findings go to `out`.

    `rules` are the run's enabled rules (their pattern rules check model fixes);
    `rules_of(change)` picks the judge rules for a file (default: by language and globs).
    """
    requests, windows = _review_requests(ctx, list(judge_rules), backend, out, rules_of)
    drafts: list[Draft] = []
    if requests:
        dropped = 0
        for (window, allowed), comp in zip(windows, backend.complete(requests)):
            if comp.error is not None:
                out.skipped.append(Skipped(window.path, f"lines {window.first}-{window.last}: model answer "
                                                        f"unusable ({comp.error})"))
                continue
            found, bad = _parse_answer(comp.text, window, allowed)
            drafts.extend(found)
            dropped += bad
        if dropped:
            out.notes.append(f"{dropped} model finding(s) dropped: anchored outside their hunk or naming a rule "
                             "that does not apply")

    by_id = {r.id: r for r in list(rules) + list(judge_rules)}
    questions = [prompts.verify_question(d.rule, d.rule.id, d.path, d.line, d.message,
                                         _around(ctx, d.path, d.line)) for d in drafts]
    questions += [prompts.verify_question(by_id.get(c.rule), c.rule, c.path, c.line, c.message,
                                          _around(ctx, c.path, c.line)) for c in candidates]
    probs = backend.confidence(questions) if questions else []
    for d, p in zip(drafts, probs):
        out.findings.append(_with_fix(ctx, rules, d, p))
    for cand, p in zip(candidates, probs[len(drafts):]):
        # The model's judgement decides now, so min_confidence applies (source MODEL).
        out.findings.append(replace(cand, confidence=p, source=Source.MODEL))


def _with_fix(ctx: TaskContext, rules: Sequence[Rule], d: Draft, confidence: float) -> Finding:
    """The finding for a draft; its fix is attached only when reviewer.rules.verify passes it."""
    finding = Finding(rule=d.rule.id, pack=d.rule.pack, path=d.path, line=d.line, end_line=d.end_line,
                      severity=d.rule.severity, message=d.message, confidence=confidence, source=Source.MODEL,
                      snippet=_line(ctx, d.path, d.line))
    if d.fix is None:
        return finding
    if any(not ch.isprintable() and ch not in "\t\n" for ch in d.fix):
        return replace(finding, fix_withheld="the fix contains control characters")
    text = ctx.text(d.path)
    change = ctx.changes.get(d.path)
    if text is None or change is None:
        return replace(finding, fix_withheld="the file's new text is not available to check the fix")
    from reviewer.rules import verify as rules_verify

    # Inside the changed hunk: the added lines by default, any hunk line when the run looks wider.
    allowed = change.added_lines if ctx.config.filter_mode == "added" else change.hunk_lines
    here = [r for r in rules if r.matcher is not None and rulesmod.applies_to(r, d.path)]
    proposed = replace(finding, suggestion=Suggestion(d.path, d.line, d.end_line, d.fix))
    verdict = rules_verify.check(d.path, text, proposed, here, allowed)
    return proposed if verdict.ok else replace(finding, fix_withheld=verdict.reason)


def _review_requests(ctx: TaskContext, rules: list[Rule], backend: Any, out: TaskOutput,
                     rules_of: Optional[Callable[[FileChange], list[Rule]]] = None,
                     ) -> tuple[list[Any], list[tuple[prompts.Window, dict[str, Rule]]]]:
    m = ctx.config.model
    counter = getattr(backend, "count_tokens", None)
    count = counter if callable(counter) else (lambda text: len(text) // 3 + 1)
    requests: list[Any] = []
    windows: list[tuple[prompts.Window, dict[str, Rule]]] = []
    if not rules:
        return requests, windows
    is_rule_test = rulesmod.rule_tests(ctx.root, ctx.config.rules)
    contexts = ctx.contexts()  # vendored and generated, as the rules see them
    for change in ctx.changes.files:
        if change.binary or change.status == FileStatus.DELETED or not change.added_lines:
            continue
        applicable = rules_of(change) if rules_of is not None else prompts.rules_for(rules, change)
        if not applicable:
            continue
        if rules_of is None and is_rule_test(change.path):
            continue  # planted violations for `reviewer rules test` (the review task lists it as skipped)
        text = ctx.text(change.path)
        reason = prompts.skip_reason(change.path, text, contexts=contexts)
        if reason:
            out.skipped.append(Skipped(change.path, reason))
            continue
        defs = prompts.definitions(text, change.language)

        def sized(req: Any) -> bool:
            return bool(count(req.system + "\n" + req.user) + 16 <= m.max_prompt_tokens)  # 16: template tokens

        def build(window: prompts.Window) -> Any:
            context = prompts.context_block(text, defs, window)
            full = prompts.review_request(window, applicable, context, m.max_new_tokens)
            # Many rules in a small budget: each rule's question only, before the hunk is split.
            return full if sized(full) else prompts.review_request(window, applicable, context,
                                                                    m.max_new_tokens, compact=True)

        def fits(window: prompts.Window) -> bool:
            return sized(build(window))

        for hunk in change.hunks:
            if not hunk.added:
                continue
            pieces, skipped = prompts.split_windows(hunk, defs, fits)
            out.skipped.extend(skipped)
            for window in pieces:
                requests.append(build(window))
                windows.append((window, {r.id: r for r in applicable}))
    return requests, windows


def _parse_answer(text: str, window: prompts.Window, allowed: dict[str, Rule]) -> tuple[list[Draft], int]:
    try:
        items = json.loads(text).get("findings", [])
    except (ValueError, AttributeError):
        return [], 0
    found: list[Draft] = []
    seen: set[tuple[str, int]] = set()
    dropped = 0
    for item in items if isinstance(items, list) else []:
        rule = allowed.get(str(item.get("rule"))) if isinstance(item, dict) else None
        line = item.get("line") if isinstance(item, dict) else None
        if rule is None or not isinstance(line, int) or not window.first <= line <= window.last:
            dropped += 1
            continue
        if (rule.id, line) in seen:
            continue
        seen.add((rule.id, line))
        # Model text reaches terminals and PR comments: no control characters (escape sequences).
        printable = "".join(ch if ch.isprintable() else " " for ch in str(item.get("message", "")))
        message = " ".join(printable.split()) or rule.title
        end = item.get("end_line", line)
        end = end if isinstance(end, int) and line <= end <= window.last else line
        fix = item.get("fix")
        if isinstance(fix, str) and fix.strip():
            fix = fix.replace("\r\n", "\n").removesuffix("\n")
        else:
            fix = None
        found.append(Draft(rule, window.path, line, end, message, fix))
    return found, dropped


def _around(ctx: TaskContext, path: str, line: int) -> list[tuple[int, str]]:
    text = ctx.text(path)
    if text is None:
        return []
    lines = git_lines(text)
    lo, hi = max(1, line - VERIFY_CONTEXT), min(len(lines), line + VERIFY_CONTEXT)
    return [(n, lines[n - 1]) for n in range(lo, hi + 1)]


def _line(ctx: TaskContext, path: str, line: int) -> str:
    text: Optional[str] = ctx.text(path)
    lines = git_lines(text) if text else []
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""
