"""Generation caps (#13 item 6): a long free-text answer is not regenerated for minutes, a request's
wall-clock cap stops it in both engines, and the other answers of the batch are kept."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from reviewer.engine.base import Request
from reviewer.engine.http import OpenAIBackend
from reviewer.tasks import testgen


@pytest.fixture
def slow_server() -> Iterator[str]:
    """Answers at once, except a user message containing 'slow', which it holds for 5 s."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if "slow" in body["messages"][-1]["content"]:
                time.sleep(5)
            data = json.dumps({"choices": [{"message": {"content": '{"code": "def test_x():\\n    pass\\n"}'}}],
                               "usage": {"prompt_tokens": 3, "completion_tokens": 4}}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (its cap)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_request_over_its_cap_is_an_unfinished_answer_not_an_error(slow_server: str) -> None:
    client = OpenAIBackend(slow_server, model="m", timeout=60, retries=0)
    fast, slow = client.complete([
        Request("s", "fast", schema=testgen.SCHEMA, max_new_tokens=64, max_seconds=30),
        Request("s", "slow", schema=testgen.SCHEMA, max_new_tokens=64, max_seconds=0.5),
    ])
    assert fast.error is None and json.loads(fast.text)["code"].startswith("def test_x")
    assert slow.text == "" and slow.error == "answer did not finish within 0.5 s (wall-clock cap)"


def test_local_long_free_text_answer_is_not_regenerated(tiny_model_path: Path) -> None:
    from reviewer.engine.local import TransformersBackend

    backend = TransformersBackend(str(tiny_model_path), device="cpu")
    [comp] = backend.complete([Request("s", "write a test", schema=testgen.SCHEMA, max_new_tokens=16,
                                       max_seconds=600)])
    # A capped request: no second generation up to the schema's bound (6,000 characters of code).
    assert backend.calls == 1
    assert comp.error is None or "did not finish within 16 new tokens" in comp.error


def test_local_wall_clock_cap_stops_the_generation(tiny_model_path: Path) -> None:
    from reviewer.engine.local import TransformersBackend

    backend = TransformersBackend(str(tiny_model_path), device="cpu")
    backend.load()
    [comp] = backend.complete([Request("s", "write a test", schema=testgen.SCHEMA, max_new_tokens=4000,
                                       max_seconds=0.05)])
    assert comp.text == "" and comp.error == "answer did not finish within 0.05 s (wall-clock cap)"
    assert comp.output_tokens < 4000 and backend.calls == 1
