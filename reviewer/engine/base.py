"""The Backend protocol every model engine implements (transformers, openai-http, anthropic).

Requests are batched: a backend receives every request of a run at once and
may reorder, batch and cache internally, but returns completions in request
order. A request with a `schema` must come back as JSON text that validates
against it (constrained decoding locally; structured output remotely), or,
when that was impossible (a remote server ignored the schema, a budget ran
out), with `error` set and `text` empty: callers never parse a failure.

Optional extras a backend may offer (looked up with getattr, so the protocol
stays small): `count_tokens(text) -> int` for prompt budgets,
`cache_identity() -> str` (model id and revision) and `decoding() -> dict`
(settings that change answers) for the result cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Protocol, Sequence


@dataclass(frozen=True)
class Request:
    system: str
    user: str
    schema: Optional[Mapping[str, Any]] = None  # JSON schema the answer must satisfy
    max_new_tokens: int = 256
    # Files whose content is in this request (for the privacy ledger and cloud_exclude).
    paths: tuple[str, ...] = ()
    # Free-form tag for the ledger ("review", "docstrings", "tests", "verify").
    purpose: str = "review"
    # Wall-clock cap on this generation (None: tokens only); an answer cut by it is an error, not retried.
    max_seconds: Optional[float] = None


@dataclass(frozen=True)
class Completion:
    text: str
    input_tokens: int = 0
    output_tokens: int = 0
    cached: bool = False  # served from the result cache: no model call happened
    # Backend-specific extras (e.g. cache-read tokens, latency); reporters may show them.
    meta: Mapping[str, Any] = field(default_factory=dict)
    # Set when no valid answer could be produced; `text` is then empty.
    error: Optional[str] = None


@dataclass(frozen=True)
class YesNo:
    """A verification question; the answer is P(yes) from the yes/no token logits."""

    system: str
    user: str
    paths: tuple[str, ...] = ()


class Backend(Protocol):
    """A model that answers batches of requests."""

    name: str  # "transformers", "openai", "anthropic"
    model_id: str
    leaves_machine: bool  # True when requests go to a third party (the cloud)

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        """Answer every request, in order. Raises BackendError on failure."""

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        """P(yes) for each question, in order."""
