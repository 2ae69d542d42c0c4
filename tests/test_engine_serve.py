"""`reviewer serve` started for real on a free loopback port, and the openai backend talking to it."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Iterator

import pytest

from reviewer.config import Config, ModelConfig
from reviewer.engine import get_backend, schema
from reviewer.engine.base import Request, YesNo
from reviewer.engine.http import OpenAIBackend
from reviewer.engine.local import TransformersBackend
from tests.conftest import run_reviewer, serving

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server(tiny_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tiny_model_path, tmp_path_factory.mktemp("serve")) as url:
        yield url


def test_serve_answers_schema_constrained_requests(server: str, tiny_model_path: Path) -> None:
    assert server.startswith("http://127.0.0.1:")
    client = OpenAIBackend(server, model="whatever")
    assert client.check() is None
    assert client.model_id == str(tiny_model_path)  # the served name replaces the configured one
    sch = schema.findings_schema(["a/x", "b/y"], 5, 12)
    reqs = [Request("You review code.", f"def f{i}(): pass\n" * (i + 1), schema=sch, max_new_tokens=64)
            for i in range(6)]
    before = client.request("GET", "/health")
    outs = client.complete(reqs)  # sent concurrently: the server batches them
    for comp in outs:
        assert comp.error is None and schema.parse(comp.text, sch)[1] is None
        assert comp.input_tokens > 0
    after = client.request("GET", "/health")
    assert after["requests"] - before["requests"] == 6
    assert after["batches"] - before["batches"] < 6  # concurrent requests shared model batches


def test_serve_gives_the_same_confidence_as_in_process(server: str, tiny_model_path: Path) -> None:
    qs = [YesNo("Answer yes or no.", f"Is line {i} a bug?") for i in range(3)]
    # The default client (top 20): the tiny model's yes/no tokens are not among its top tokens, so without
    # the yes/no constraint every answer was 0.5; the server now reads both log-probabilities directly.
    remote = OpenAIBackend(server, model="m").confidence(qs)
    local = TransformersBackend(str(tiny_model_path)).confidence(qs)
    assert remote == pytest.approx(local, abs=1e-3)
    assert all(abs(p - 0.5) > 1e-6 for p in remote)


def test_hook_style_client_finds_the_server_through_the_environment(server: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_SERVER", server)
    backend, notes = get_backend(Config(model=ModelConfig(model="not-loaded-here/anything")))
    assert isinstance(backend, OpenAIBackend) and notes == []
    [comp] = backend.complete([Request("s", "u", schema={"type": "object", "properties": {"ok": {"type": "boolean"}},
                                                          "required": ["ok"], "additionalProperties": False})])
    assert isinstance(json.loads(comp.text)["ok"], bool)


def test_serve_rejects_bad_requests_with_400(server: str) -> None:
    import http.client

    host, port = server.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("POST", "/v1/chat/completions", body=b"{not json", headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    assert resp.status == 400 and "not valid JSON" in json.loads(resp.read())["error"]["message"]
    conn.request("POST", "/v1/chat/completions", body=json.dumps(
        {"messages": [{"role": "user", "content": "x"}], "logprobs": True, "max_tokens": 5}).encode())
    resp = conn.getresponse()
    assert resp.status == 400 and "max_tokens 1" in json.loads(resp.read())["error"]["message"]


def test_serve_with_a_missing_model_exits_3_with_one_line(tmp_path: Path) -> None:
    res = run_reviewer("serve", "--model", str(tmp_path / "nope"), "--port", "0", cwd=tmp_path,
                       env={"PYTHONPATH": str(ROOT)})
    assert res.code == 3
    assert res.err.strip().count("\n") == 0 and "--model PATH" in res.err and "Traceback" not in res.err


def test_serve_on_a_busy_port_exits_2(tiny_model_path: Path, tmp_path: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    try:
        res = run_reviewer("serve", "--model", str(tiny_model_path), "--port", str(sock.getsockname()[1]),
                           cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    finally:
        sock.close()
    assert res.code == 2 and "is in use" in res.err
