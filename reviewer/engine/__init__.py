"""Model engine: backends behind one protocol, plus cache and ledger.

`get_backend(config, status)` is the one factory; it imports heavy libraries
only when a model is actually used. `shared_backend(ctx)` is what tasks call:
one backend per run (loaded once, shared by every task), wrapped in the
result cache unless the cache is off.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from reviewer.engine.base import Backend, Completion, Request, YesNo
from reviewer.errors import BackendError, UsageError

if TYPE_CHECKING:
    from reviewer.config import Config
    from reviewer.tasks import TaskContext

BACKENDS = ("transformers", "openai", "none")
INSTALL_LOCAL = "install reviewer[local] for model review (pip install 'reviewer[local]')"


def get_backend(config: "Config", status: Callable[[str], None] = lambda _m: None
                ) -> tuple[Optional[Backend], list[str]]:
    """Pick and build the backend the configuration asks for: (backend or None, notes for the report).

    REVIEWER_SERVER or model.server -> the openai backend (falling back as
    model.fallback says when the server is down); model.backend "none" -> no
    model; otherwise transformers when installed. A missing model raises
    BackendError unless model.optional, which gives None and a note.
    """
    m = config.model
    if m.backend not in BACKENDS:
        raise UsageError(f"model.backend must be one of {', '.join(BACKENDS)}, not {m.backend!r}")
    if m.backend == "none":
        return None, ["model review off (model.backend = none / --no-model): rules only"]
    server = os.environ.get("REVIEWER_SERVER") or m.server
    notes: list[str] = []
    if server or m.backend == "openai":
        if not server:
            raise UsageError("model.backend = openai needs a server URL: set model.server, --server or REVIEWER_SERVER")
        from reviewer.engine.http import OpenAIBackend

        remote = OpenAIBackend(server, model=m.model, timeout=m.timeout, connect_timeout=m.connect_timeout,
                               retries=m.retries, temperature=m.temperature)
        problem = remote.check()
        if problem is None:
            status(f"model: using server {remote.base_url} ({remote.model_id})")
            return remote, notes
        if m.fallback == "rules":
            return None, [f"{problem}; model review skipped (model.fallback = rules)"]
        # A note only (the report shows it once); no status line saying the same thing again.
        notes.append(f"{problem}; falling back to the in-process model (model.fallback = local)")
    if importlib.util.find_spec("transformers") is None or importlib.util.find_spec("torch") is None:
        return None, notes + [f"model review skipped: {INSTALL_LOCAL}"]
    from reviewer.engine.local import TransformersBackend

    try:
        backend = TransformersBackend(m.model, revision=m.revision, device=m.device, dtype=m.dtype,
                                      batch_tokens=m.batch_tokens, temperature=m.temperature, seed=m.seed,
                                      status=status)
    except BackendError as exc:
        if not m.optional:
            raise
        return None, notes + [f"{exc.message}. Model review skipped (model.optional = true)"]
    return backend, notes


def shared_backend(ctx: "TaskContext") -> tuple[Optional[Backend], list[str]]:
    """The run's backend, built once and kept in ctx.shared; cached unless config.cache is off.

    Notes are returned only to the first caller, so a run's report says each
    thing once.
    """
    if "backend" in ctx.shared:
        return ctx.shared["backend"], []
    backend, notes = get_backend(ctx.config, ctx.status)
    if backend is not None:
        from reviewer.engine.escalate import primary_backend

        # Every real model call is written to the ledger; under cloud = "always"
        # the cloud answers first. The cache sits outside: a hit calls no model.
        backend = primary_backend(ctx, backend)
        if ctx.config.cache:
            backend = with_cache(backend, cache_file(ctx.root, ctx.config.cache_path), ctx.status)
    ctx.shared["backend"] = backend
    return backend, notes


def cache_file(root: Path, cache_path: str) -> Path:
    path = Path(cache_path).expanduser()
    return path if path.is_absolute() else Path(root) / path


def with_cache(backend: Backend, path: Path, warn: Callable[[str], None] = lambda _m: None) -> Backend:
    from reviewer.engine.cache import CachingBackend, ResultCache

    cached: Any = CachingBackend(backend, ResultCache(path, warn), status=warn)
    return cached  # type: ignore[no-any-return]


__all__ = ["Backend", "Completion", "Request", "YesNo", "get_backend", "shared_backend", "with_cache"]
