"""The cost and privacy ledger: one JSON line per model call, local or cloud.

`LedgerBackend(inner, ledger)` wraps any Backend and records each call, so
the engine's backends need no change. A line says when, which backend and
model, the tokens (input, output, cache read, cache write), the latency,
whether code left the machine and which files, the redactions (kinds and
counts, never values), and money: `cost_usd` for cloud calls, and for local
calls `cost_avoided_usd`, the same tokens priced at the configured cloud
price. Prices are copied into each line, so old lines keep the prices of
their day.

The engine's result cache sits in front of the ledger (engine.shared_backend),
so a cache hit calls no model and writes no line. A backend that does hand
back a Completion(cached=True) gets a `cached: true` line with zero cost and
zero cost avoided: counting it as avoided spend would inflate the saving.

Appending is safe with several processes (pre-commit runs hooks in parallel):
each line is one os.write on a descriptor opened with O_APPEND, which POSIX
appends atomically for regular files.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Sequence

from reviewer.config import CloudConfig
from reviewer.engine.base import Backend, Completion, Request, YesNo


@dataclass(frozen=True)
class Prices:
    """USD per million tokens, and the date they were checked."""

    input: float
    output: float
    cache_read: float
    cache_write: float
    date: str

    @classmethod
    def from_config(cls, cloud: CloudConfig) -> "Prices":
        return cls(cloud.price_input, cloud.price_output, cloud.price_cache_read, cloud.price_cache_write,
                   cloud.price_date)

    def cost(self, input_tokens: int, output_tokens: int, cache_read: int = 0, cache_write: int = 0) -> float:
        return (input_tokens * self.input + output_tokens * self.output + cache_read * self.cache_read
                + cache_write * self.cache_write) / 1_000_000


class Ledger:
    """An append-only JSON-lines file."""

    def __init__(self, path: Path, prices: Prices, cloud_model: str = "") -> None:
        self.path = path
        self.prices = prices
        self.cloud_model = cloud_model  # what local calls are priced as

    @classmethod
    def for_repo(cls, root: Path, cloud: CloudConfig) -> "Ledger":
        path = Path(cloud.ledger)
        return cls(path if path.is_absolute() else root / path, Prices.from_config(cloud), cloud.model)

    def append(self, entry: Mapping[str, Any]) -> None:
        line = (json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
        from reviewer.fsutil import ensure_state_dir

        ensure_state_dir(self.path.parent)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)  # one write per line: concurrent writers never interleave within a line
        finally:
            os.close(fd)

    def record(self, *, backend: str, model: str, left_machine: bool, purpose: str, files: Sequence[str] = (),
               input_tokens: int = 0, output_tokens: int = 0, cache_read_tokens: int = 0,
               cache_write_tokens: int = 0, latency_s: float = 0.0, cached: bool = False,
               redactions: Optional[Mapping[str, int]] = None, error: Optional[str] = None,
               estimated: bool = False) -> dict[str, Any]:
        """Price one call and append it; returns the entry written."""
        p = self.prices
        cost = 0.0 if cached else p.cost(input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
        entry: dict[str, Any] = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "backend": backend,
            "model": model,
            "purpose": purpose,
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_read_tokens": cache_read_tokens,
            "cache_write_tokens": cache_write_tokens,
            "latency_s": round(latency_s, 4),
            "left_machine": left_machine,
            "files": sorted(set(files)) if left_machine else [],
            "cached": cached,
            "cost_usd": round(cost, 8) if left_machine else 0.0,
            "cost_avoided_usd": 0.0 if left_machine else round(cost, 8),
            "priced_as": self.cloud_model,
            "prices": {"input": p.input, "output": p.output, "cache_read": p.cache_read,
                       "cache_write": p.cache_write, "date": p.date},
        }
        if redactions:
            entry["redactions"] = dict(redactions)
        if error:
            entry["error"] = error
        if estimated:
            entry["estimated"] = True
        self.append(entry)
        return entry


def read(path: Path) -> Iterator[dict[str, Any]]:
    """Entries of a ledger file; a torn or foreign line is skipped, never fatal."""
    try:
        handle = path.open("r", encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    with handle:
        for line in handle:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                yield entry


class LedgerBackend:
    """A Backend that forwards to `inner` and records every call in `ledger`."""

    def __init__(self, inner: Backend, ledger: Ledger) -> None:
        self.inner = inner
        self.ledger = ledger
        self.name = inner.name
        self.model_id = inner.model_id
        self.leaves_machine = inner.leaves_machine

    def __getattr__(self, name: str) -> Any:
        # cache_identity, decoding, count_tokens, ... of the wrapped backend: the
        # result cache keys on them, so the ledger must be transparent to it.
        return getattr(self.inner, name)

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        """Forward the batch; one ledger line per request (failed batches too, then re-raise)."""
        start = time.perf_counter()
        try:
            completions = self.inner.complete(requests)
        except Exception as exc:
            for req in requests:
                self._record(req.purpose, req.paths, error=f"{type(exc).__name__}: {exc}"[:300])
            raise
        elapsed = time.perf_counter() - start
        # Without a per-request latency from the backend, a batch's wall time is shared evenly.
        share = elapsed / max(1, len(requests))
        for req, comp in zip(requests, completions):
            meta = comp.meta or {}
            self._record(
                req.purpose, req.paths,
                input_tokens=comp.input_tokens, output_tokens=comp.output_tokens,
                cache_read_tokens=int(meta.get("cache_read_tokens", 0) or 0),
                cache_write_tokens=int(meta.get("cache_write_tokens", 0) or 0),
                latency_s=float(meta.get("latency_s", share)), cached=comp.cached,
                redactions=meta.get("redactions"),
            )
        return completions

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        """Forward; tokens come from the backend's `last_confidence_usage` if it keeps one, else estimated."""
        start = time.perf_counter()
        try:
            answers = self.inner.confidence(questions)
        except Exception as exc:
            for q in questions:
                self._record("verify", q.paths, error=f"{type(exc).__name__}: {exc}"[:300])
            raise
        share = (time.perf_counter() - start) / max(1, len(questions))
        usage: Sequence[Mapping[str, Any]] = getattr(self.inner, "last_confidence_usage", None) or ()
        for i, q in enumerate(questions):
            u = usage[i] if i < len(usage) else None
            if u is None:  # ~4 characters a token; marked as an estimate in the ledger
                self._record("verify", q.paths, input_tokens=(len(q.system) + len(q.user)) // 4, output_tokens=1,
                             latency_s=share, estimated=True)
            else:
                self._record("verify", q.paths, input_tokens=int(u.get("input_tokens", 0)),
                             output_tokens=int(u.get("output_tokens", 0)),
                             cache_read_tokens=int(u.get("cache_read_tokens", 0)),
                             cache_write_tokens=int(u.get("cache_write_tokens", 0)),
                             latency_s=float(u.get("latency_s", share)), redactions=u.get("redactions"))
        return answers

    def _record(self, purpose: str, paths: Sequence[str], **fields: Any) -> None:
        try:
            self.ledger.record(backend=self.name, model=self.model_id, left_machine=self.leaves_machine,
                               purpose=purpose, files=paths, **fields)
        except OSError as exc:  # a read-only checkout must not stop the review
            import warnings

            warnings.warn(f"cannot write the ledger {self.ledger.path}: {exc.strerror}", stacklevel=2)
