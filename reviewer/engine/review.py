"""Model review of changed hunks: the engine side of the `review` task.

`review_hunks(ctx, rules, candidates)`:
- judge-only rules: every changed hunk of a matching file is reviewed by the
  model against them (constrained to the bounded findings schema); each
  finding then gets a confidence from a batched yes/no verification pass;
- pattern+judge rules: the pattern's `candidates` are confirmed by the same
  yes/no pass (confidence = P(yes)); `min_confidence` (the router) drops the
  unlikely ones.
A finding anchored outside its hunk, or naming a rule that does not apply,
is dropped and counted in a note. Without a model the candidates are kept
unconfirmed and the report says so.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Optional, Sequence

from reviewer.diff import git_lines
from reviewer.engine import prompts
from reviewer.engine import shared_backend
from reviewer.records import FileStatus, Finding, Rule, RuleKind, Skipped, Source
from reviewer.tasks import TaskContext, TaskOutput

VERIFY_CONTEXT = 3  # lines either side of a finding shown to the verifier
UNCONFIRMED = 0.5  # confidence of a pattern+judge candidate no model could confirm (as tasks/review.py)


def review_hunks(ctx: TaskContext, rules: Sequence[Rule], candidates: Sequence[Finding]) -> TaskOutput:
    """Model findings for judge rules, and confirmed pattern+judge candidates; see the module docstring."""
    out = TaskOutput()
    judge_rules = [r for r in rules if r.kind == RuleKind.JUDGE]
    if not judge_rules and not candidates:
        return out
    backend, notes = shared_backend(ctx)
    out.notes.extend(notes)
    if backend is None:
        # Same treatment as the review task's own no-model path: kept, but visibly unconfirmed.
        out.findings.extend(replace(c, confidence=UNCONFIRMED, message=f"{c.message} (unconfirmed: no model)")
                            for c in candidates)
        if judge_rules:
            out.notes.append(f"{len(judge_rules)} judge rule(s) not applied: no model")
        if candidates:
            out.notes.append(f"{len(candidates)} pattern+judge finding(s) reported unconfirmed: no model")
        return out

    requests, windows = _review_requests(ctx, judge_rules, backend, out)
    drafts: list[tuple[Rule, str, int, str]] = []
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

    by_id = {r.id: r for r in rules}
    questions = [prompts.verify_question(rule, rule.id, path, line, message, _around(ctx, path, line))
                 for rule, path, line, message in drafts]
    questions += [prompts.verify_question(by_id.get(c.rule), c.rule, c.path, c.line, c.message,
                                          _around(ctx, c.path, c.line)) for c in candidates]
    probs = backend.confidence(questions) if questions else []
    for (rule, path, line, message), p in zip(drafts, probs):
        out.findings.append(Finding(rule=rule.id, pack=rule.pack, path=path, line=line, end_line=line,
                                    severity=rule.severity, message=message, confidence=p, source=Source.MODEL,
                                    snippet=_line(ctx, path, line)))
    for cand, p in zip(candidates, probs[len(drafts):]):
        # The model's judgement decides now, so min_confidence applies (source MODEL).
        out.findings.append(replace(cand, confidence=p, source=Source.MODEL))
    return out


def _review_requests(ctx: TaskContext, rules: list[Rule], backend: Any, out: TaskOutput
                     ) -> tuple[list[Any], list[tuple[prompts.Window, dict[str, Rule]]]]:
    m = ctx.config.model
    counter = getattr(backend, "count_tokens", None)
    count = counter if callable(counter) else (lambda text: len(text) // 3 + 1)
    requests: list[Any] = []
    windows: list[tuple[prompts.Window, dict[str, Rule]]] = []
    if not rules:
        return requests, windows
    for change in ctx.changes.files:
        if change.binary or change.status == FileStatus.DELETED or not change.added_lines:
            continue
        applicable = prompts.rules_for(rules, change)
        if not applicable:
            continue
        text = ctx.text(change.path)
        reason = prompts.skip_reason(change.path, text)
        if reason:
            out.skipped.append(Skipped(change.path, reason))
            continue
        defs = prompts.definitions(text, change.language)

        def build(window: prompts.Window) -> Any:
            return prompts.review_request(window, applicable, prompts.context_block(text, defs, window),
                                          m.max_new_tokens)

        def fits(window: prompts.Window) -> bool:
            req = build(window)
            return bool(count(req.system + "\n" + req.user) + 16 <= m.max_prompt_tokens)  # 16: template tokens

        for hunk in change.hunks:
            if not hunk.added:
                continue
            pieces, skipped = prompts.split_windows(hunk, defs, fits)
            out.skipped.extend(skipped)
            for window in pieces:
                requests.append(build(window))
                windows.append((window, {r.id: r for r in applicable}))
    return requests, windows


def _parse_answer(text: str, window: prompts.Window, allowed: dict[str, Rule]
                  ) -> tuple[list[tuple[Rule, str, int, str]], int]:
    try:
        items = json.loads(text).get("findings", [])
    except (ValueError, AttributeError):
        return [], 0
    found: list[tuple[Rule, str, int, str]] = []
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
        found.append((rule, window.path, line, message))
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
