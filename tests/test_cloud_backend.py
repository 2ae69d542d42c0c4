"""The Anthropic backend: the real `anthropic` SDK against a stub Messages API on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
from typing import Iterator

import pytest

from reviewer.config import CloudConfig
from reviewer.engine.base import Request, YesNo
from reviewer.engine.cloud import AnthropicBackend
from reviewer.errors import BackendError
from tests.anthropic_stub import CACHE_PREFIX_TOKENS, AnthropicStub

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
DB_PASSWORD = "correct-horse-battery"
SCHEMA = {"type": "object", "properties": {"ok": {"type": "boolean"}, "n": {"type": "integer", "maximum": 3}},
          "required": ["ok"]}


@pytest.fixture
def stub() -> Iterator[AnthropicStub]:
    with AnthropicStub(CloudConfig().model) as s:
        s.secrets = [AWS_KEY, DB_PASSWORD]
        yield s


def backend(stub: AnthropicStub, **cloud: object) -> AnthropicBackend:
    cfg = dataclasses.replace(CloudConfig(), **{"max_retries": 2, "timeout": 5.0, **cloud})  # type: ignore[arg-type]
    return AnthropicBackend(cfg, key="test-key", base_url=stub.url)


def test_default_model_is_not_a_retiring_one() -> None:
    # Sonnet 4.5 retires 2026-11-30 (docs/cloud.md); the default must be the current Sonnet.
    assert "4-5" not in CloudConfig().model and CloudConfig().model.startswith("claude-sonnet-")
    assert (CloudConfig().price_input, CloudConfig().price_output) == (2.0, 10.0)


def test_request_shape_cache_and_redaction(stub: AnthropicStub) -> None:
    stub.script = {"q1": {"ok": True}}
    b = backend(stub)
    user = f'q1\naws = "{AWS_KEY}"\nDB_PASSWORD={DB_PASSWORD}\n'
    first, second = b.complete([Request("rules prefix", user, schema=SCHEMA, paths=("a.py",)),
                                Request("rules prefix", user, schema=SCHEMA, paths=("a.py",))])
    assert stub.violations == []  # model id, cache_control, no temperature, no secret in any body
    req = stub.requests[0]
    assert req["system"] == [{"type": "text", "text": "rules prefix", "cache_control": {"type": "ephemeral"}}]
    sent = req["output_config"]["format"]
    assert sent["type"] == "json_schema" and sent["schema"]["properties"]["ok"] == {"type": "boolean"}
    assert sent["schema"]["additionalProperties"] is False  # the SDK's transform_schema made it strict
    assert "[REDACTED:" in req["messages"][0]["content"]
    assert json.loads(first.text) == {"ok": True}
    # The first call writes the prefix to the prompt cache, the second reads it.
    assert (first.meta["cache_write_tokens"], first.meta["cache_read_tokens"]) == (CACHE_PREFIX_TOKENS, 0)
    assert (second.meta["cache_write_tokens"], second.meta["cache_read_tokens"]) == (0, CACHE_PREFIX_TOKENS)
    assert (first.input_tokens, first.output_tokens) == (300, 40)
    assert sum(first.meta["redactions"].values()) == 2
    assert AWS_KEY not in json.dumps(dict(first.meta))


def test_confidence_is_p_yes(stub: AnthropicStub) -> None:
    stub.script = {"is-it": {"answer": "no", "confidence": 0.8}}
    b = backend(stub)
    [p] = b.confidence([YesNo("sys", "is-it a bug?", paths=("a.py",))])
    assert p == pytest.approx(0.2)
    assert b.last_confidence_usage[0]["input_tokens"] == 300


@pytest.mark.parametrize("code", [429, 500, 529])
def test_status_errors_are_retried_then_reported(stub: AnthropicStub, code: int) -> None:
    stub.script = {"x": ("status", code)}
    with pytest.raises(BackendError, match=f"answered {code} after 2 retries"):
        backend(stub, max_retries=2).complete([Request("s", "x")])
    assert len(stub.requests) == 3  # the SDK's own retries: 1 + max_retries


def test_transient_errors_are_retried_by_the_sdk(stub: AnthropicStub) -> None:
    stub.script = {"x": ("flaky", 2, 529)}  # overloaded twice, then an answer
    [comp] = backend(stub, max_retries=2).complete([Request("s", "x")])
    assert json.loads(comp.text)["reason"] == "after retries"
    assert len(stub.requests) == 3


def test_timeout_is_a_backend_error(stub: AnthropicStub) -> None:
    # The stub sleeps past the client timeout; kept short, no retries.
    stub.script = {"slow": ("sleep", 1.5)}
    with pytest.raises(BackendError, match="timed out"):
        backend(stub, timeout=0.3, max_retries=0).complete([Request("s", "slow")])


def test_malformed_body_is_a_backend_error(stub: AnthropicStub) -> None:
    stub.script = {"bad": ("malformed_body",)}
    with pytest.raises(BackendError, match="malformed|answered"):
        backend(stub, max_retries=0).complete([Request("s", "bad")])


def test_excluded_paths_are_refused_before_any_request(stub: AnthropicStub) -> None:
    b = backend(stub, exclude=("secret/**", "infra"))
    for path in ("secret/keys.py", "infra/main.tf"):
        with pytest.raises(BackendError, match="cloud.exclude"):
            b.complete([Request("s", "code", paths=(path,))])
    assert stub.requests == []


def test_no_api_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(BackendError, match="ANTHROPIC_API_KEY is not set"):
        AnthropicBackend(CloudConfig())


def test_cloud_modules_import_nothing_heavy() -> None:
    # `reviewer --help` and rules-only hooks must not pay for the SDK or detect-secrets.
    import subprocess
    import sys

    code = ("import sys, reviewer.engine.escalate, reviewer.engine.ledger, reviewer.engine.redact, "
            "reviewer.engine.cloud, reviewer.commands.cost, reviewer.pipeline; "
            "print(sorted(m for m in ('anthropic', 'detect_secrets', 'httpx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
