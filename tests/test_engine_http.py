"""The openai backend against loopback stub servers: retries, timeouts, dead servers, fallbacks."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from reviewer.config import Config, ModelConfig
from reviewer.engine import get_backend, schema
from reviewer.engine.base import Request, YesNo
from reviewer.engine.http import OpenAIBackend
from reviewer.engine.local import TransformersBackend
from reviewer.errors import BackendError

SCHEMA = schema.findings_schema(["a/x"], 3, 9)
GOOD = json.dumps({"findings": [{"rule": "a/x", "line": 4, "message": "bad"}]})


class Stub:
    """A loopback server whose answers come from a list of (status, body, headers)."""

    def __init__(self, answers: list[tuple[int, Any, dict[str, str]]]) -> None:
        self.answers = answers
        self.bodies: list[Any] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self) -> None:
                status, body, headers = stub.answers.pop(0) if len(stub.answers) > 1 else stub.answers[0]
                data = json.dumps(body).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._reply()

            def do_POST(self) -> None:
                stub.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self._reply()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub() -> Iterator[Callable[..., Stub]]:
    made: list[Stub] = []

    def make(answers: list[tuple[int, Any, dict[str, str]]]) -> Stub:
        made.append(Stub(answers))
        return made[-1]

    yield make
    for s in made:
        s.close()


def _chat(content: str, logprobs: Any = None) -> dict[str, Any]:
    return {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "logprobs": logprobs}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 7}}


def test_retries_429_and_5xx_then_succeeds(stub: Callable[..., Stub]) -> None:
    s = stub([(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"}),
              (503, {"error": {"message": "warming up"}}, {}),
              (200, _chat(GOOD), {})])
    b = OpenAIBackend(s.url, model="m", retries=3, backoff=0.01)
    [comp] = b.complete([Request("sys", "user", schema=SCHEMA, max_new_tokens=50)])
    assert json.loads(comp.text)["findings"][0]["line"] == 4
    assert (comp.input_tokens, comp.output_tokens) == (11, 7)
    assert len(s.bodies) == 3
    body = s.bodies[-1]
    assert body["response_format"]["json_schema"]["schema"] == SCHEMA
    assert body["structured_outputs"] == {"json": SCHEMA}  # vLLM's field
    assert body["messages"][0] == {"role": "system", "content": "sys"} and body["max_tokens"] == 50


def test_gives_up_after_the_retries_with_one_line(stub: Callable[..., Stub]) -> None:
    s = stub([(500, {"error": {"message": "CUDA out of memory"}}, {})])
    b = OpenAIBackend(s.url, model="m", retries=2, backoff=0.01)
    with pytest.raises(BackendError, match=r"answered 500 after 3 attempt\(s\): CUDA out of memory") as err:
        b.complete([Request("sys", "user")])
    assert len(s.bodies) == 3 and "\n" not in err.value.message


def test_client_errors_are_not_retried(stub: Callable[..., Stub]) -> None:
    s = stub([(400, {"error": {"message": "unknown field"}}, {})])
    with pytest.raises(BackendError, match="answered 400: unknown field"):
        OpenAIBackend(s.url, model="m", backoff=0.01).complete([Request("s", "u")])
    assert len(s.bodies) == 1


def test_answer_that_ignores_the_schema_is_an_error_not_a_finding(stub: Callable[..., Stub]) -> None:
    s = stub([(200, _chat('{"findings": [{"rule": "a/x", "line": 99, "message": "m"}]}'), {})])
    [comp] = OpenAIBackend(s.url, model="m").complete([Request("s", "u", schema=SCHEMA)])
    assert comp.text == "" and comp.error is not None and "maximum" in comp.error


def test_yes_no_confidence_from_top_logprobs(stub: Callable[..., Stub]) -> None:
    import math

    top = [{"token": "Yes", "logprob": math.log(0.6)}, {"token": " no", "logprob": math.log(0.2)},
           {"token": "maybe", "logprob": math.log(0.1)}]
    s = stub([(200, _chat("Yes", {"content": [{"token": "Yes", "logprob": math.log(0.6), "top_logprobs": top}]}), {})])
    [p] = OpenAIBackend(s.url, model="m").confidence([YesNo("s", "is it?")])
    assert p == pytest.approx(0.75)
    assert s.bodies[0]["logprobs"] is True and s.bodies[0]["max_tokens"] == 1


def test_server_that_never_answers_times_out() -> None:
    # Accepts the connection (the kernel backlog does) but never reads or replies.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        b = OpenAIBackend(f"http://127.0.0.1:{sock.getsockname()[1]}", model="m", timeout=0.5, retries=3)
        with pytest.raises(BackendError, match=r"did not answer within 0.5s"):
            b.complete([Request("s", "u")])
    finally:
        sock.close()


def _dead_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}"


def test_dead_server_falls_back_as_configured(tiny_model_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _dead_url()
    monkeypatch.setenv("REVIEWER_SERVER", url)
    cfg = Config(model=ModelConfig(model=str(tiny_model_path), fallback="rules"))
    backend, notes = get_backend(cfg)
    assert backend is None
    assert f"model server at {url} is not answering (connection refused)" in notes[0] and "rules" in notes[0]
    cfg = Config(model=ModelConfig(model=str(tiny_model_path), fallback="local"))
    backend, notes = get_backend(cfg)
    assert isinstance(backend, TransformersBackend) and "falling back to the in-process model" in notes[0]


def test_server_url_from_config_and_model_name_from_the_server(stub: Callable[..., Stub]) -> None:
    s = stub([(200, {"data": [{"id": "served-model"}]}, {})])
    backend, notes = get_backend(Config(model=ModelConfig(server=s.url + "/v1")))
    assert isinstance(backend, OpenAIBackend) and notes == []
    assert backend.model_id == "served-model" and backend.base_url == s.url
