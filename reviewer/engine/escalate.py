"""Hybrid routing: which model findings Claude judges, under `cloud.policy`.

- `never` (default): nothing leaves the machine; this module is not even imported.
- `escalate`: a model finding whose local confidence is in
  [escalate_low, escalate_high) goes to Claude for a verdict (confirm, reject,
  or rewrite the message). Above the band the local finding stands; below it
  the finding is dropped (Routed why=BELOW_CONFIDENCE). Rule findings
  (deterministic, confidence 1.0) are never escalated.
- `always`: Claude is the primary reviewer: `primary_backend` gives the
  review task a backend that sends each request to the cloud, except for
  paths under `cloud.exclude`, which stay on the local model.

Failures never cost a finding: without an API key escalation is off (one
warning) and local verdicts stand; after retries, a 429/5xx, a timeout or a
malformed answer leaves that finding's local verdict in place, and the
report's notes name every finding that could not be escalated.
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any, Mapping, Optional, Sequence

from reviewer.diff import git_lines
from reviewer.engine.base import Backend, Completion, Request, YesNo
from reviewer.errors import BackendError
from reviewer.records import Finding, Routed, Source, Why

VERDICT_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "properties": {
        "verdict": {"type": "string", "enum": ["confirm", "reject", "rewrite"]},
        "message": {"type": "string", "maxLength": 500},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "reason": {"type": "string", "maxLength": 500},
    },
    "required": ["verdict", "message", "confidence", "reason"],
    "additionalProperties": False,
}

# The shared prefix of every escalation in a run: byte-identical, so it is marked for prompt caching.
SYSTEM = """You are the second reviewer in an automated code review. A small local model reviewed a git diff \
and reported the finding below, but it was unsure. Decide whether the finding is a real problem in the \
changed code.

Answer with JSON only:
- verdict "confirm": the finding is correct as written.
- verdict "rewrite": the problem is real but the message is wrong or unclear; put a corrected one-sentence \
message in "message".
- verdict "reject": the finding is wrong, irrelevant to the changed lines, or too speculative to report.
"message": the message to show (for confirm, repeat the original). "confidence": your confidence in the \
verdict, 0 to 1. "reason": one short sentence.

Judge only the code shown. Values shown as [REDACTED:kind] were masked before sending: they are not the \
problem unless the finding is about a hard-coded secret, in which case the masking itself confirms it.
"""

CONTEXT_LINES = 12


def escalate_findings(ctx: Any, findings: Sequence[Finding],
                      backend: Optional[Backend] = None) -> tuple[list[Finding], list[Routed], list[str]]:
    """Apply the cloud policy to a task's findings.

    Returns (kept findings for the router, findings already routed as not
    reported, notes for the report). `backend` is for tests and callers that
    built one; by default an AnthropicBackend wrapped in the ledger is made
    on first need, so no key and no network are needed when the band is empty.
    """
    cloud = ctx.config.cloud
    if cloud.policy != "escalate":
        return list(findings), [], []
    from reviewer.engine.cloud import excluded

    kept: list[Finding] = []
    routed: list[Routed] = []
    band: list[Finding] = []
    kept_local = 0
    for f in findings:
        if f.source is not Source.MODEL:
            kept.append(f)
        elif excluded(f.path, cloud.exclude):
            kept.append(f)
            kept_local += 1
        elif f.confidence >= cloud.escalate_high:
            kept.append(f)
        elif f.confidence < cloud.escalate_low:
            routed.append(Routed(f, False, Why.BELOW_CONFIDENCE))
        else:
            band.append(f)
    notes: list[str] = []
    if kept_local:
        notes.append(f"cloud: {kept_local} finding(s) kept local by cloud.exclude")
    if not band:
        return kept, routed, notes
    if backend is None:
        backend = _cloud_backend(ctx)
    if backend is None:
        notes.append(f"cloud: escalation off ({_why_off(ctx)}); {len(band)} uncertain finding(s) keep the local verdict")
        return kept + band, routed, notes
    k, r, n = _escalate_band(ctx, band, backend)
    return kept + k, routed + r, notes + n


def _escalate_band(ctx: Any, band: Sequence[Finding], backend: Backend) -> tuple[list[Finding], list[Routed], list[str]]:
    cloud = ctx.config.cloud
    kept: list[Finding] = []
    routed: list[Routed] = []
    failed: list[str] = []
    counts = {"confirm": 0, "rewrite": 0, "reject": 0}
    redactions: dict[str, int] = {}
    down: Optional[str] = None  # after a transport failure the rest are not tried: same outcome, no waiting
    for i, f in enumerate(band):
        where = f"{f.path}:{f.line} {f.rule}"
        if down is not None or i >= cloud.max_escalations:
            kept.append(f)
            failed.append(f"{where} ({down or f'over cloud.max_escalations={cloud.max_escalations}'})")
            continue
        try:
            comp = backend.complete([_request(ctx, f)])[0]
            verdict = _verdict(comp)
        except BackendError as exc:
            kept.append(f)
            failed.append(f"{where} ({exc.message})")
            if "malformed" not in exc.message:
                down = "not tried: the cloud failed on an earlier finding"
            continue
        for kind, n in (comp.meta.get("redactions") or {}).items():
            redactions[kind] = redactions.get(kind, 0) + n
        counts[verdict["verdict"]] += 1
        if verdict["verdict"] == "reject":
            routed.append(Routed(f, False, Why.REJECTED_BY_CLOUD))
            continue
        # A confirmed finding is reported: its confidence is Claude's, at least the reporting threshold.
        confidence = max(float(verdict["confidence"]), ctx.config.model.min_confidence)
        message = verdict["message"].strip() if verdict["verdict"] == "rewrite" and verdict["message"].strip() else f.message
        kept.append(dataclasses.replace(f, source=Source.CLOUD, confidence=min(1.0, confidence), message=message))
    done = len(band) - len(failed)
    notes = []
    if done:
        notes.append(f"cloud: escalated {done} uncertain finding(s) to {backend.model_id}: {counts['confirm']} confirmed, "
                     f"{counts['rewrite']} rewritten, {counts['reject']} rejected")
    if redactions:
        from reviewer.engine.redact import describe

        notes.append(f"cloud: {describe(redactions)} before sending")
    notes.extend(f"cloud: could not escalate {item}; the local verdict stands" for item in failed)
    return kept, routed, notes


def _verdict(comp: Completion) -> dict[str, Any]:
    from reviewer.engine.cloud import parse_json

    data = parse_json(comp.text, ("verdict", "message", "confidence"))
    if data["verdict"] not in ("confirm", "reject", "rewrite") or not isinstance(data["message"], str):
        raise BackendError("malformed answer from the Anthropic API: unknown verdict")
    data["message"] = data["message"][:500]  # the schema's bound, which the API does not enforce
    try:
        data["confidence"] = min(1.0, max(0.0, float(data["confidence"])))
    except (TypeError, ValueError):
        raise BackendError("malformed answer from the Anthropic API: confidence is not a number") from None
    return data


def _request(ctx: Any, f: Finding) -> Request:
    lines = [f"Finding: {f.rule} ({f.severity}) at {f.path}:{f.line}-{max(f.line, f.end_line)}",
             f"Message: {f.message}", f"Local confidence: {f.confidence:.2f}", "", "Changed code:"]
    lines.extend(_context(ctx, f))
    return Request(system=SYSTEM, user="\n".join(lines), schema=VERDICT_SCHEMA, max_new_tokens=400,
                   paths=(f.path,), purpose="escalate")


def _context(ctx: Any, f: Finding) -> list[str]:
    """The lines around the finding, numbered, `+` on added lines; only from the finding's own file."""
    change = ctx.changes.get(f.path)
    added = change.added_lines if change is not None else frozenset()
    text = ctx.text(f.path)
    if text is None:
        return [f"{n:>5} {'+' if n in added else ' '} {s}" for h in (change.hunks if change else ())
                if h.contains(f.line) for n, s in h.lines]
    src = git_lines(text)
    lo, hi = max(1, f.line - CONTEXT_LINES), min(len(src), max(f.line, f.end_line) + CONTEXT_LINES)
    return [f"{n:>5} {'+' if n in added else ' '} {src[n - 1]}" for n in range(lo, hi + 1)]


def _cloud_backend(ctx: Any) -> Optional[Backend]:
    """The ledger-wrapped Anthropic backend, made once per run; None (with one warning) when it cannot be."""
    shared = ctx.shared
    if "cloud_backend" in shared:
        return shared["cloud_backend"]  # type: ignore[no-any-return]
    backend: Optional[Backend] = None
    try:
        from reviewer.engine.cloud import AnthropicBackend

        backend = with_ledger(ctx, AnthropicBackend(ctx.config.cloud))
    except BackendError as exc:
        shared["cloud_off"] = exc.message
        warnings.warn(f"cloud escalation is off: {exc.message}; local verdicts stand", UserWarning, stacklevel=2)
    shared["cloud_backend"] = backend
    return backend


def _why_off(ctx: Any) -> str:
    return str(ctx.shared.get("cloud_off", "no cloud backend"))


def with_ledger(ctx: Any, backend: Backend) -> Backend:
    """Wrap any backend so that its calls are recorded in the repository's ledger."""
    from reviewer.engine.ledger import Ledger, LedgerBackend

    if isinstance(backend, LedgerBackend):
        return backend
    return LedgerBackend(backend, Ledger.for_repo(ctx.root, ctx.config.cloud))


def primary_backend(ctx: Any, local: Backend) -> Backend:
    """The backend the review task should use: the cloud under `always` (excluded paths stay local)."""
    if ctx.config.cloud.policy != "always":
        return with_ledger(ctx, local)
    cloud = _cloud_backend(ctx)
    if cloud is None:
        ctx.shared.setdefault("cloud_notes", []).append(f"cloud: policy always, but {_why_off(ctx)}: reviewed locally")
        return with_ledger(ctx, local)
    return RoutingBackend(with_ledger(ctx, local), cloud, ctx.config.cloud.exclude,
                          ctx.shared.setdefault("cloud_notes", []))


class RoutingBackend:
    """Cloud first, for `always`: excluded paths go local, and a failed cloud call falls back to local."""

    name = "routing"
    leaves_machine = True

    def __init__(self, local: Backend, cloud: Backend, exclude: Sequence[str], notes: list[str]) -> None:
        self.local, self.cloud, self.exclude, self.notes = local, cloud, tuple(exclude), notes
        self.model_id = cloud.model_id

    def _is_local(self, paths: Sequence[str]) -> bool:
        from reviewer.engine.cloud import excluded

        return any(excluded(p, self.exclude) for p in paths)

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        """Each request to the cloud unless excluded; the local model answers what the cloud could not."""
        out: list[Optional[Completion]] = [None] * len(requests)
        local_idx = [i for i, r in enumerate(requests) if self._is_local(r.paths)]
        for i, r in enumerate(requests):
            if i in local_idx:
                continue
            try:
                comp = self.cloud.complete([r])[0]
                # Tell the task which engine answered, so its findings can carry Source.CLOUD.
                out[i] = dataclasses.replace(comp, meta={**comp.meta, "left_machine": True})
            except BackendError as exc:
                self.notes.append(f"cloud: {', '.join(r.paths) or 'a request'} reviewed locally ({exc.message})")
                local_idx.append(i)
        if local_idx:
            local_idx.sort()
            for i, comp in zip(local_idx, self.local.complete([requests[i] for i in local_idx])):
                out[i] = comp
        return [c for c in out if c is not None]

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        """Like complete: excluded paths and cloud failures are answered locally."""
        out: list[Optional[float]] = [None] * len(questions)
        local_idx = [i for i, q in enumerate(questions) if self._is_local(q.paths)]
        for i, q in enumerate(questions):
            if i in local_idx:
                continue
            try:
                out[i] = self.cloud.confidence([q])[0]
            except BackendError as exc:
                self.notes.append(f"cloud: {', '.join(q.paths) or 'a question'} verified locally ({exc.message})")
                local_idx.append(i)
        if local_idx:
            local_idx.sort()
            for i, p in zip(local_idx, self.local.confidence([questions[i] for i in local_idx])):
                out[i] = p
        return [p for p in out if p is not None]
