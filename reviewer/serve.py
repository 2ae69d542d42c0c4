"""`reviewer serve`: one warm model on 127.0.0.1, OpenAI-compatible subset.

Pre-commit hooks on a developer machine start many short processes; each
loading a model would cost seconds. The server loads it once and answers:

- `GET /v1/models`, `GET /health`
- `POST /v1/chat/completions` with system + user messages, `max_tokens`
  (or `max_completion_tokens`), structured output (`response_format`
  json_schema / json_object, or vLLM's `structured_outputs.json`) and
  `logprobs` + `top_logprobs` (for `max_tokens: 1`, which is what yes/no
  verification asks for). A yes/no question constrained to those answers
  (vLLM's `structured_outputs: {"choice": ["yes", "no"]}`, or `guided_choice`)
  is answered from the log-probabilities of "yes" and "no" themselves, read
  directly, so P(yes) is real even when neither is among the top tokens.

Requests are handled on threads, but generation is serialised through one
worker that takes everything waiting and runs it as one batch: concurrent
clients get batched generation, and the model is never used by two threads.
Sampling settings are the server's (greedy by default); a request's
`temperature` is ignored.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from concurrent.futures import Future
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional

from reviewer.engine.base import Completion, Request

MAX_BODY = 8 * 1024 * 1024


class Batcher:
    """One worker thread owns the model; callers block on a Future."""

    def __init__(self, backend: Any, max_batch: int = 64, linger: float = 0.005) -> None:
        self.backend = backend
        self.max_batch, self.linger = max_batch, linger
        self._queue: "queue.Queue[tuple[str, Any, Future[Any]]]" = queue.Queue()
        self.batches = 0  # model batches run, and the requests they answered (GET /health)
        self.requests = 0
        self._thread = threading.Thread(target=self._run, name="reviewer-serve-model", daemon=True)
        self._thread.start()

    def submit(self, kind: str, item: Any) -> Any:
        fut: Future[Any] = Future()
        self._queue.put((kind, item, fut))
        return fut.result()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            time.sleep(self.linger)  # let concurrent requests join this batch
            jobs = [first]
            while len(jobs) < self.max_batch:
                try:
                    jobs.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            gen = [j for j in jobs if j[0] == "complete"]
            self.batches += 1
            self.requests += len(jobs)
            try:
                if gen:
                    for (_k, _i, fut), comp in zip(gen, self.backend.complete([j[1] for j in gen])):
                        fut.set_result(comp)
            except Exception as exc:  # noqa: BLE001 - handed to the waiting request threads
                for _k, _i, fut in gen:
                    if not fut.done():
                        fut.set_exception(exc)
            for kind, item, fut in jobs:
                if kind in ("logprobs", "yesno"):
                    try:
                        fn = self.backend.top_logprobs if kind == "logprobs" else self.backend.yes_no_logprobs
                        fut.set_result(fn(*item))
                    except Exception as exc:  # noqa: BLE001
                        fut.set_exception(exc)


class _BadRequest(Exception):
    pass


def yes_no_choice(body: Any) -> bool:
    """Whether the request constrains the answer to exactly yes/no (vLLM's `choice` / `guided_choice`)."""
    structured = body.get("structured_outputs") if isinstance(body, dict) else None
    choice = structured.get("choice") if isinstance(structured, dict) else None
    if choice is None and isinstance(body, dict):
        choice = body.get("guided_choice")
    return isinstance(choice, list) and sorted(str(c).strip().lower() for c in choice) == ["no", "yes"]


def _parse_chat(body: Any) -> tuple[str, str, Optional[dict[str, Any]], int, int]:
    """(system, user, schema, max_tokens, top_logprobs or 0) from a chat request body."""
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        raise _BadRequest("body must be a JSON object with a messages list")
    system, user = [], []
    for m in body["messages"]:
        role, content = (m.get("role"), m.get("content")) if isinstance(m, dict) else (None, None)
        if isinstance(content, list):  # content parts: keep the text ones
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        if role in ("system", "developer") and isinstance(content, str):
            system.append(content)
        elif role == "user" and isinstance(content, str):
            user.append(content)
        else:
            raise _BadRequest("this server answers single-turn requests: system and user messages with text")
    if not user:
        raise _BadRequest("no user message")
    schema = None
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        schema = (fmt.get("json_schema") or {}).get("schema")
    elif isinstance(fmt, dict) and fmt.get("type") == "json_object":
        schema = {"type": "object"}
    structured = body.get("structured_outputs")
    if schema is None and isinstance(structured, dict) and isinstance(structured.get("json"), dict):
        schema = structured["json"]
    if schema is not None and not isinstance(schema, dict):
        raise _BadRequest("the JSON schema must be an object")
    max_tokens = body.get("max_completion_tokens") or body.get("max_tokens") or 256
    if not isinstance(max_tokens, int) or max_tokens < 1:
        raise _BadRequest("max_tokens must be a positive integer")
    top = 0
    if body.get("logprobs"):
        top = body.get("top_logprobs") or 1
        if not isinstance(top, int) or top < 1:
            raise _BadRequest("top_logprobs must be a positive integer")
        if max_tokens != 1 or schema is not None:
            raise _BadRequest("logprobs are served for max_tokens 1 without a schema (yes/no verification)")
    return "\n\n".join(system), "\n\n".join(user), schema, max_tokens, top


def make_handler(batcher: Batcher, model_name: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "reviewer-serve"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: clients log what matters
            pass

        def _send(self, status: int, data: Any) -> None:
            payload = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _error(self, status: int, message: str) -> None:
            self._send(status, {"error": {"message": message, "type": "invalid_request_error"}})

        def do_GET(self) -> None:
            if self.path.rstrip("/") in ("/v1/models", "/models"):
                self._send(200, {"object": "list", "data": [{"id": model_name, "object": "model",
                                                             "owned_by": "reviewer"}]})
            elif self.path.rstrip("/") == "/health":
                self._send(200, {"status": "ok", "model": model_name, "batches": batcher.batches,
                                 "requests": batcher.requests})
            else:
                self._error(404, f"no route {self.path}")

        def do_POST(self) -> None:
            if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                self._error(404, f"no route {self.path}")
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    raise _BadRequest("request body too large")
                body = json.loads(self.rfile.read(length) or b"null")
                system, user, schema, max_tokens, top = _parse_chat(body)
            except (ValueError, _BadRequest) as exc:
                self._error(400, str(exc) if isinstance(exc, _BadRequest) else "body is not valid JSON")
                return
            try:
                if yes_no_choice(body) and hasattr(batcher.backend, "yes_no_logprobs"):
                    self._send(200, self._yes_no_answer(system, user))
                elif top:
                    self._send(200, self._logprobs_answer(system, user, top))
                else:
                    comp = batcher.submit("complete", Request(system, user, schema=schema, max_new_tokens=max_tokens))
                    self._send(200, self._answer(comp))
            except Exception as exc:  # noqa: BLE001 - the client gets one line, the server keeps going
                self._send(500, {"error": {"message": f"{type(exc).__name__}: {exc}", "type": "server_error"}})

        def _envelope(self, message: dict[str, Any], finish: str, usage: dict[str, int],
                      logprobs: Any = None) -> dict[str, Any]:
            return {"id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion",
                    "created": int(time.time()), "model": model_name,
                    "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": logprobs}],
                    "usage": {**usage, "total_tokens": sum(usage.values())}}

        def _answer(self, comp: Completion) -> dict[str, Any]:
            usage = {"prompt_tokens": comp.input_tokens, "completion_tokens": comp.output_tokens}
            finish = "length" if comp.error else "stop"
            return self._envelope({"role": "assistant", "content": comp.text}, finish, usage)

        def _yes_no_answer(self, system: str, user: str) -> dict[str, Any]:
            ly, ln = batcher.submit("yesno", (system, user))
            ranked = sorted([("yes", ly), ("no", ln)], key=lambda t: -t[1])
            content = [{"token": ranked[0][0], "logprob": ranked[0][1],
                        "top_logprobs": [{"token": t, "logprob": lp} for t, lp in ranked]}]
            return self._envelope({"role": "assistant", "content": ranked[0][0]}, "stop",
                                  {"prompt_tokens": 0, "completion_tokens": 1}, {"content": content})

        def _logprobs_answer(self, system: str, user: str, top: int) -> dict[str, Any]:
            ranked = batcher.submit("logprobs", (system, user, top))
            best = ranked[0]
            content = [{"token": best[1], "logprob": best[2],
                        "top_logprobs": [{"token": t, "logprob": lp} for _i, t, lp in ranked]}]
            return self._envelope({"role": "assistant", "content": best[1]}, "length",
                                  {"prompt_tokens": 0, "completion_tokens": 1}, {"content": content})

    return Handler


def make_server(backend: Any, port: int = 0, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A ready (bound, not yet serving) server; `server.server_address[1]` is the port."""
    server = ThreadingHTTPServer((host, port), make_handler(Batcher(backend), backend.model_id))
    server.daemon_threads = True
    return server
