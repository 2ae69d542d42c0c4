"""A stub Anthropic Messages API on 127.0.0.1 for the cloud tests.

The real `anthropic` SDK talks to it over HTTP (base_url), so retries,
timeouts and response parsing are the SDK's own. Every request is checked:
the model id, `cache_control` on the system prefix, no temperature/top_p,
no secret value from `secrets`, no path from `forbidden`. A violation is
recorded and answered with 400, so a test sees it twice.

`script` maps a marker (a substring of the user message, e.g. a rule id) to
what to answer: a verdict dict, ("status", code), ("flaky", n, code), ("sleep", seconds),
("malformed_body",), ("malformed_answer",). The default answer confirms.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional

CACHE_PREFIX_TOKENS = 1200


class AnthropicStub:
    def __init__(self, model: str) -> None:
        self.model = model
        self.script: dict[str, Any] = {}
        self.secrets: list[str] = []
        self.forbidden: list[str] = []
        self.requests: list[dict[str, Any]] = []
        self.violations: list[str] = []
        self._lock = threading.Lock()
        self._seen_prefixes: set[str] = set()
        self._failures: dict[Any, int] = {}
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("content-length", 0))).decode("utf-8")
                status, payload, headers, sleep = stub._answer(self.path, body, {k.lower(): v for k, v in self.headers.items()})
                if sleep:
                    time.sleep(sleep)
                try:
                    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "AnthropicStub":
        self._thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- behaviour ---------------------------------------------------------------------------

    def _check(self, path: str, req: dict[str, Any], raw: str, headers: dict[str, str]) -> list[str]:
        problems = []
        if path != "/v1/messages":
            problems.append(f"path {path}")
        if req.get("model") != self.model:
            problems.append(f"model {req.get('model')!r}")
        system = req.get("system")
        if not (isinstance(system, list) and system and system[-1].get("cache_control") == {"type": "ephemeral"}):
            problems.append("no cache_control on the system prefix")
        for key in ("temperature", "top_p", "top_k"):
            if key in req:
                problems.append(f"sent {key}")
        fmt = (req.get("output_config") or {}).get("format")
        if fmt is not None:
            # Like the real API: numeric and length bounds are not supported in structured-output schemas.
            unsupported = {"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"}
            if fmt.get("type") != "json_schema" or unsupported & _keys(fmt.get("schema")):
                problems.append("unsupported output_config.format schema")
        for secret in self.secrets:
            if secret in raw:
                problems.append("a secret reached the cloud")
        for forbidden in self.forbidden:
            if forbidden in raw:
                problems.append(f"excluded path {forbidden} reached the cloud")
        if not (headers.get("x-api-key") or headers.get("authorization", "").startswith("Bearer ")):
            problems.append("no api key header")
        return problems

    def _answer(self, path: str, raw: str, headers: dict[str, str]) -> tuple[int, Any, dict[str, str], float]:
        try:
            req = json.loads(raw)
        except json.JSONDecodeError:
            return 400, _error("invalid_request_error", "bad json"), {}, 0.0
        with self._lock:
            self.requests.append(req)
            problems = self._check(path, req, raw, headers)
            self.violations.extend(problems)
        if problems:
            return 400, _error("invalid_request_error", "; ".join(problems)), {"x-should-retry": "false"}, 0.0
        user = req["messages"][0]["content"]
        user = user if isinstance(user, str) else json.dumps(user)
        action: Any = {"verdict": "confirm", "message": "confirmed", "confidence": 0.9, "reason": "ok"}
        for marker, scripted in self.script.items():
            if marker in user:
                action = scripted
                break
        if isinstance(action, tuple):
            kind = action[0]
            if kind == "flaky":  # ("flaky", n, code): fail n times with `code`, then answer
                with self._lock:
                    self._failures[action] = self._failures.get(action, 0) + 1
                    failing = self._failures[action] <= action[1]
                if failing:
                    return action[2], _error("overloaded_error", "stub"), {"retry-after-ms": "5"}, 0.0
                return 200, self._message(req, {"verdict": "confirm", "message": "ok", "confidence": 0.9,
                                                 "reason": "after retries"}), {}, 0.0
            if kind == "status":
                return action[1], _error("rate_limit_error" if action[1] == 429 else "api_error", "stub"), \
                    {"retry-after-ms": "5"}, 0.0
            if kind == "sleep":
                return 200, self._message(req, {"verdict": "confirm", "message": "late", "confidence": 1,
                                                 "reason": "late"}), {}, action[1]
            if kind == "malformed_body":
                return 200, b'{"id": "msg_x", "type": "message", "content": [', {}, 0.0
            if kind == "malformed_answer":
                return 200, self._message(req, "I think this is probably fine."), {}, 0.0
        return 200, self._message(req, action), {}, 0.0

    def _message(self, req: dict[str, Any], answer: Any) -> dict[str, Any]:
        prefix = req["system"][0]["text"]
        with self._lock:
            first = prefix not in self._seen_prefixes
            self._seen_prefixes.add(prefix)
        text = answer if isinstance(answer, str) else json.dumps(answer)
        return {
            "id": f"msg_{len(self.requests)}", "type": "message", "role": "assistant", "model": req["model"],
            "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": 300, "output_tokens": 40,
                      "cache_creation_input_tokens": CACHE_PREFIX_TOKENS if first else 0,
                      "cache_read_input_tokens": 0 if first else CACHE_PREFIX_TOKENS},
        }


def _keys(node: Any) -> set[str]:
    """JSON-schema keywords used anywhere in `node` (field names under "properties" are not keywords)."""
    out: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            out.add(key)
            children = value.values() if key == "properties" and isinstance(value, dict) else [value]
            for child in children:
                out |= _keys(child)
    elif isinstance(node, list):
        for child in node:
            out |= _keys(child)
    return out


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


def start(model: str, secrets: Optional[list[str]] = None) -> AnthropicStub:
    stub = AnthropicStub(model)
    stub.secrets = list(secrets or [])
    return stub.__enter__()
