"""A scripted OpenAI-compatible model server on 127.0.0.1 for deterministic end-to-end tests.

The answers are chosen from the request, the way a real model's would be, so a
test can say "flag every line that contains X" and check what the product does
with it:

- a review request (one with a JSON schema) is shown to `review(ask)` as an `Ask`:
  the schema's rule ids and line bounds, the file path, and the numbered lines of
  the hunk parsed from the prompt; it returns the `findings` items to answer with
  (dicts with rule, line, message and optionally end_line and fix). The answer
  is sent as given: a script can break the schema on purpose;
- a yes/no question (`logprobs` requested) is shown to `confidence(question)` as a
  `Question` (rule id and line parsed from "Is this a real violation of RULE at line
  N?"); the returned P(yes) comes back as the first token's top_logprobs;
- any other request gets `free(body)` as plain text.

Every request is kept (`asks`, `questions`, `bodies`) for the test to inspect.
The server is real HTTP on a free loopback port: the product's own openai
backend talks to it. Use the `scripted` fixture (import it into the test
module) or `ScriptedServer` as a context manager.
"""

from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterator, Optional

import pytest

_HUNK_HEADER = re.compile(r"^The change \(new-file line numbers; \+ marks added lines\), lines (\d+)-(\d+):$")
_HUNK_LINE = re.compile(r"^\s*(\d+) ([+ ]) ?(.*)$")
_QUESTION = re.compile(r"Is this a real violation of (\S+) at line (\d+)\?")


@dataclass
class Ask:
    """A review request as a script sees it."""

    body: dict[str, Any]
    system: str
    user: str
    rules: list[str]  # the schema's rule-id enum
    first: int  # the schema's line bounds
    last: int
    path: str  # "File: PATH" in the prompt
    lines: dict[int, str] = field(default_factory=dict)  # new-file line -> code, from the prompt's hunk block
    added: set[int] = field(default_factory=set)  # lines marked +

    def lines_with(self, needle: str, added_only: bool = True) -> list[int]:
        """Lines of the hunk whose code contains `needle` (added lines only, unless told otherwise)."""
        return [n for n, text in sorted(self.lines.items())
                if needle in text and (n in self.added or not added_only)]


@dataclass
class Question:
    """A yes/no verification question as a script sees it."""

    body: dict[str, Any]
    user: str
    rule: str
    line: int


def finding(rule: str, line: int, message: str = "scripted finding", end_line: Optional[int] = None,
            fix: Optional[str] = None) -> dict[str, Any]:
    """One `findings` item for a scripted answer."""
    item: dict[str, Any] = {"rule": rule, "line": line, "message": message}
    if end_line is not None:
        item["end_line"] = end_line
    if fix is not None:
        item["fix"] = fix
    return item


def _parse_ask(body: dict[str, Any]) -> Ask:
    messages = body.get("messages", [])
    system = next((m["content"] for m in messages if m.get("role") == "system"), "")
    user = next((m["content"] for m in messages if m.get("role") == "user"), "")
    schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema", {})
    item = schema.get("properties", {}).get("findings", {}).get("items", {}).get("properties", {})
    rules = list(item.get("rule", {}).get("enum", []))
    first = int(item.get("line", {}).get("minimum", 0))
    last = int(item.get("line", {}).get("maximum", 0))
    path_m = re.search(r"^File: (.+)$", user, re.MULTILINE)
    ask = Ask(body, system, user, rules, first, last, path_m.group(1) if path_m else "")
    inside = False
    for text in user.splitlines():
        if _HUNK_HEADER.match(text):
            inside = True
            continue
        if inside and text.startswith("```"):
            if ask.lines:
                break
            continue
        m = _HUNK_LINE.match(text) if inside else None
        if m:
            n = int(m.group(1))
            ask.lines[n] = m.group(3)
            if m.group(2) == "+":
                ask.added.add(n)
    return ask


def _chat(content: str, logprobs: Any = None) -> dict[str, Any]:
    return {"id": "scripted", "object": "chat.completion", "model": "scripted",
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": logprobs,
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 10}}


class ScriptedServer:
    """See the module docstring. `url` is ready as soon as the object exists."""

    def __init__(self, review: Callable[[Ask], list[dict[str, Any]]] = lambda _a: [],
                 confidence: Callable[[Question], float] = lambda _q: 0.9,
                 free: Callable[[dict[str, Any]], str] = lambda _b: "", model: str = "scripted-model") -> None:
        self.review, self.confidence, self.free, self.model = review, confidence, free, model
        self.asks: list[Ask] = []
        self.questions: list[Question] = []
        self.bodies: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/v1/models"):
                    self._send(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})
                else:
                    self._send(200, {"status": "ok"})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0") or 0)) or b"{}")
                try:
                    self._send(200, server.answer(body))
                except Exception as exc:  # a broken script shows up as a server error, not a hang
                    self._send(500, {"error": {"message": f"script failed: {type(exc).__name__}: {exc}"}})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.bodies.append(body)
        if body.get("logprobs"):
            user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
            m = _QUESTION.search(user)
            q = Question(body, user, m.group(1) if m else "", int(m.group(2)) if m else 0)
            with self._lock:
                self.questions.append(q)
            p = min(max(float(self.confidence(q)), 1e-9), 1 - 1e-9)
            word = "yes" if p >= 0.5 else "no"
            top = [{"token": "yes", "logprob": math.log(p)}, {"token": "no", "logprob": math.log(1 - p)}]
            first = {"token": word, "logprob": math.log(max(p, 1 - p)), "top_logprobs": top}
            return _chat(word, {"content": [first]})
        if body.get("response_format", {}).get("type") == "json_schema":
            ask = _parse_ask(body)
            with self._lock:
                self.asks.append(ask)
            return _chat(json.dumps({"findings": self.review(ask)}))
        return _chat(self.free(body))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "ScriptedServer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


@pytest.fixture
def scripted() -> Iterator[Callable[..., ScriptedServer]]:
    """`scripted(review=..., confidence=...)` starts a ScriptedServer; every one is stopped after the test."""
    made: list[ScriptedServer] = []

    def make(**kwargs: Any) -> ScriptedServer:
        made.append(ScriptedServer(**kwargs))
        return made[-1]

    yield make
    for s in made:
        s.close()
