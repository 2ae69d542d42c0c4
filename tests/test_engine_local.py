"""The transformers backend on a tiny random-weight model (CPU, no downloads)."""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.config import Config, ModelConfig
from reviewer.engine import get_backend, schema
from reviewer.engine.base import Request, YesNo
from reviewer.engine.local import PROXY_VARIABLES, TransformersBackend, _hub_unreachable, plan_batches, resolve
from reviewer.errors import BackendError

SCHEMA = schema.findings_schema(["python-crypto/weak-hash", "off-by-one/range-len"], 10, 24)


@pytest.fixture(scope="module")
def backend(tiny_model_path: Path) -> TransformersBackend:
    return TransformersBackend(str(tiny_model_path), batch_tokens=2048)


def _requests(n: int, max_new: int = 48) -> list[Request]:
    # Different lengths so that sorting and padding matter.
    return [Request("You review code.", f"def f{i}(x):\n" + "    x = x + 1\n" * (i % 5 + 1), schema=SCHEMA,
                    max_new_tokens=max_new) for i in range(n)]


def test_loads_on_cpu_in_float32_with_chatml(backend: TransformersBackend) -> None:
    backend.load()
    assert (backend.device, backend.dtype) == ("cpu", "float32")
    assert backend.render("S", "U").endswith("<|im_start|>assistant\n")
    assert backend.cache_identity().startswith(f"transformers:{backend.model_id}@")


def test_dtype_override_and_bad_device(tiny_model_path: Path) -> None:
    b = TransformersBackend(str(tiny_model_path), dtype="bfloat16")
    b.load()
    assert b.dtype == "bfloat16" and str(b._model.dtype) == "torch.bfloat16"
    with pytest.raises(BackendError, match="CUDA is not available"):
        TransformersBackend(str(tiny_model_path), device="cuda").load()


def test_plan_batches_sorts_by_length_and_respects_the_budget() -> None:
    lengths = [50, 10, 30, 20, 40]
    batches = plan_batches(lengths, [10] * 5, budget=70)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3, 4]
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(flat)
    for b in batches:
        assert len(b) == 1 or max(lengths[i] + 10 for i in b) * len(b) <= 70
    assert plan_batches([500], [10], budget=100) == [[0]]  # an oversize request still runs, alone


def test_batched_generation_matches_one_at_a_time(backend: TransformersBackend) -> None:
    reqs = _requests(6)
    calls = backend.calls
    batched = backend.complete(reqs)
    assert backend.calls - calls == 1  # six requests, one generate call
    singles = [backend.complete([r])[0] for r in reqs]
    assert [c.text for c in batched] == [c.text for c in singles]
    assert all(c.input_tokens > 0 and c.output_tokens > 0 for c in batched)


def test_every_sampled_generation_parses_against_its_schema(tiny_model_path: Path) -> None:
    # Sampling from a random model is noise; the grammar must turn it into valid JSON every time.
    b = TransformersBackend(str(tiny_model_path), temperature=1.0, seed=3, batch_tokens=4096)
    schemas = [schema.findings_schema(["a/x", "b/y"], 1 + i, 5 + 2 * i, max_items=3, max_message=30) for i in range(4)]
    reqs = [Request("sys", f"review {i}", schema=schemas[i % 4], max_new_tokens=400) for i in range(12)]
    outs = b.complete(reqs)
    nonempty = 0
    for req, comp in zip(reqs, outs):
        assert comp.error is None
        value, why = schema.parse(comp.text, req.schema or {})
        assert why is None, (comp.text, why)
        assert json.loads(comp.text) == value  # canonical text is strict JSON
        nonempty += bool(value["findings"])
    assert nonempty > 0  # the schema was exercised, not only {"findings": []}


def test_truncated_generation_is_retried_with_a_budget_that_finishes(tiny_model_path: Path) -> None:
    b = TransformersBackend(str(tiny_model_path), temperature=1.0, seed=5)
    sch = schema.findings_schema(["a/x"], 1, 9, max_items=2, max_message=20)
    outs = b.complete([Request("sys", f"q{i}", schema=sch, max_new_tokens=4) for i in range(4)])
    for comp in outs:
        assert comp.error is None and schema.parse(comp.text, sch)[1] is None


def test_confidence_is_a_probability_and_batching_does_not_change_it(backend: TransformersBackend) -> None:
    qs = [YesNo("Answer yes or no.", "Is line " + "7 " * (i + 1) + "a bug?") for i in range(5)]
    calls = backend.calls
    batched = backend.confidence(qs)
    assert backend.calls - calls == 1  # one batched forward pass
    assert all(0.0 <= p <= 1.0 for p in batched)
    singles = [backend.confidence([q])[0] for q in qs]
    assert batched == pytest.approx(singles, abs=1e-4)
    assert len({round(p, 6) for p in batched}) > 1  # depends on the question


def test_missing_local_folder_says_where_it_looked(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(BackendError) as err:
        TransformersBackend(str(missing))
    assert str(missing) in err.value.message and "--model PATH" in err.value.message
    assert err.value.code == 3


def test_missing_hub_model_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    cfg = Config(model=ModelConfig(model="acme/not-a-model", optional=False))
    with pytest.raises(BackendError, match=r"not found in the Hugging Face cache.*HF_HUB_OFFLINE.*--model PATH"):
        get_backend(cfg)
    backend, notes = get_backend(replace(cfg, model=replace(cfg.model, optional=True)))
    assert backend is None
    assert any("acme/not-a-model" in n and "skipped" in n for n in notes)


def _closed_port() -> int:
    with socket.socket() as s:  # bound and closed again: nothing listens there
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def hub_down(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No HF_HUB_OFFLINE, but the Hub endpoint is a loopback port nothing listens on; an empty cache."""
    from huggingface_hub import constants

    for var in ("HF_HUB_OFFLINE", *PROXY_VARIABLES):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(constants, "ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    cache = tmp_path / "hub-cache"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    return cache


def test_unreachable_hub_says_so_without_retrying(hub_down: Path) -> None:
    # huggingface_hub would retry the connection for about 20 s and then say "check your connection";
    # one refused connection is enough to know, and the note names the host.
    with pytest.raises(BackendError, match=r"not found in the Hugging Face cache.*127\.0\.0\.1 cannot be reached"):
        resolve("acme/not-a-model", None)


def test_unreachable_hub_uses_the_cached_snapshot(hub_down: Path) -> None:
    snapshot = hub_down / "models--acme--small" / "snapshots" / "0123abc"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    (hub_down / "models--acme--small" / "refs").mkdir()
    (hub_down / "models--acme--small" / "refs" / "main").write_text("0123abc")
    location, revision = resolve("acme/small", None)
    assert (location, revision) == (str(snapshot), "0123abc")  # a folder: transformers asks the Hub nothing


def test_hub_probe_is_skipped_behind_a_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = f"http://127.0.0.1:{_closed_port()}"
    for var in PROXY_VARIABLES:
        monkeypatch.delenv(var, raising=False)
    assert _hub_unreachable(closed) is not None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")  # only the proxy knows the way
    assert _hub_unreachable(closed) is None


def test_hub_probe_does_not_wait_for_a_silent_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    # A resolver that never answers cannot be set up here (resolv.conf is the machine's), so the name
    # lookup is replaced by one that hangs; the probe must give up after its timeout all the same.
    import threading

    release = threading.Event()
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: (release.wait(30), [])[1])
    for var in PROXY_VARIABLES:
        monkeypatch.delenv(var, raising=False)
    try:
        why = _hub_unreachable("https://hub.invalid", timeout=0.2)
    finally:
        release.set()
    assert why == "hub.invalid did not answer within 0.2 s, so nothing is downloaded"


def test_backend_none_and_default_selection(tiny_model_path: Path) -> None:
    off, notes = get_backend(Config(model=ModelConfig(backend="none")))
    assert off is None and "rules only" in notes[0]
    local, notes = get_backend(Config(model=ModelConfig(model=str(tiny_model_path))))
    assert isinstance(local, TransformersBackend) and notes == []
