"""The `openai` backend: any OpenAI-compatible /v1/chat/completions server.

vLLM, SGLang, Ollama, `transformers serve`, or this project's `reviewer
serve`. Standard library only (http.client), so it needs no extra. Structured
output is asked for both ways servers understand (`response_format` with a
JSON schema, and vLLM's `structured_outputs`), and every answer is checked
against the schema here anyway. Yes/no confidence comes from the first
token's `top_logprobs`, with the answer constrained to yes/no where the server
understands it (vLLM's `structured_outputs.choice`; `reviewer serve`). 429 and 5xx are retried with exponential backoff
(honouring Retry-After); connect and read timeouts mean a dead or stuck
server gives a clear message, never a hang.
"""

from __future__ import annotations

import http.client
import json
import math
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional, Sequence
from urllib.parse import urlsplit

from reviewer.engine import schema as schemamod
from reviewer.engine.base import Completion, Request, YesNo
from reviewer.errors import BackendError


class OpenAIBackend:
    """Talks to an OpenAI-compatible server; see the module docstring."""

    name = "openai"
    leaves_machine = False  # a server you run; the cloud backend is a separate one

    def __init__(self, base_url: str, model: str = "", timeout: float = 120.0, connect_timeout: float = 5.0,
                 retries: int = 3, temperature: float = 0.0, concurrency: int = 8, top_logprobs: int = 20,
                 backoff: float = 0.5, api_key: Optional[str] = None) -> None:
        url = base_url if "://" in base_url else f"http://{base_url}"
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BackendError(f"server URL {base_url!r} is not an http(s) URL like http://127.0.0.1:8765")
        self.scheme, self.host = parts.scheme, parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        prefix = parts.path.rstrip("/")
        self.prefix = prefix[: -len("/v1")] if prefix.endswith("/v1") else prefix  # accept .../v1 too
        self.base_url = f"{self.scheme}://{parts.netloc}{self.prefix}"
        self.model_id = model
        self.timeout, self.connect_timeout = timeout, connect_timeout
        self.retries, self.backoff = retries, backoff
        self.temperature = temperature
        self.concurrency, self.top_logprobs_n = concurrency, top_logprobs
        self.api_key = api_key
        self.calls = 0  # HTTP requests that reached the server
        # vLLM's own structured-output field; api.openai.com rejects unknown fields.
        self.vllm_fields = "api.openai.com" not in self.host

    def cache_identity(self) -> str:
        return f"openai:{self.base_url}:{self.model_id}"

    def decoding(self) -> dict[str, Any]:
        return {"temperature": self.temperature}

    # --- transport -------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        return cls(self.host, self.port, timeout=self.connect_timeout)

    def _once(self, method: str, path: str, body: Optional[dict[str, Any]],
              cap: Optional[float] = None) -> tuple[int, bytes, Any]:
        conn = self._connection()
        try:
            try:
                conn.connect()
            except (OSError, socket.timeout) as exc:
                raise _Down(f"model server at {self.base_url} is not answering ({_reason(exc)})") from None
            assert conn.sock is not None
            # Connect is short; reading may take a generation (a request's own cap, when it has one).
            conn.sock.settimeout(min(self.timeout, cap) if cap else self.timeout)
            headers = {"Content-Type": "application/json", "Accept": "application/json"}
            if self.api_key:
                headers["Authorization"] = f"Bearer {self.api_key}"
            data = json.dumps(body).encode() if body is not None else None
            try:
                conn.request(method, self.prefix + path, body=data, headers=headers)
                resp = conn.getresponse()
                payload = resp.read()
            except socket.timeout:
                if cap and cap < self.timeout:
                    raise _CapHit(cap) from None
                raise BackendError(f"model server at {self.base_url} did not answer within {self.timeout:g}s "
                                   "(model.timeout)") from None
            except (OSError, http.client.HTTPException) as exc:
                raise BackendError(f"model server at {self.base_url} dropped the connection ({_reason(exc)})") from None
            return resp.status, payload, resp.headers
        finally:
            conn.close()

    def request(self, method: str, path: str, body: Optional[dict[str, Any]] = None,
                cap: Optional[float] = None) -> Any:
        """One JSON request with retries on 429/5xx; raises BackendError with one line.

        `cap` (seconds) bounds the wait for this answer; hitting it raises _CapHit, not BackendError."""
        for attempt in range(self.retries + 1):
            try:
                status, payload, headers = self._once(method, path, body, cap)
            except _Down as exc:
                raise BackendError(str(exc)) from None
            self.calls += 1
            if status == 429 or 500 <= status < 600:
                if attempt < self.retries:
                    time.sleep(self._delay(attempt, headers.get("Retry-After")))
                    continue
                raise BackendError(f"model server at {self.base_url} answered {status} after {attempt + 1} "
                                   f"attempt(s): {_error_text(payload)}")
            if status >= 400:
                raise BackendError(f"model server at {self.base_url} answered {status}: {_error_text(payload)}")
            try:
                return json.loads(payload)
            except ValueError:
                raise BackendError(f"model server at {self.base_url} sent something that is not JSON") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, retry_after: Optional[str]) -> float:
        try:
            if retry_after is not None:
                return min(float(retry_after), 30.0)
        except ValueError:
            pass
        return float(min(self.backoff * 2.0 ** attempt, 8.0))

    def check(self) -> Optional[str]:
        """None when the server answers; else a one-line reason. Picks the served model name."""
        try:
            status, payload, _h = self._once("GET", "/v1/models", None)
        except (_Down, BackendError) as exc:
            return str(exc)
        if status < 400:
            try:
                served = [m["id"] for m in json.loads(payload).get("data", []) if isinstance(m, dict)]
            except (ValueError, AttributeError, KeyError, TypeError):
                served = []
            if served and self.model_id not in served:
                self.model_id = served[0]  # the server decides what it serves
        return None

    # --- Backend ---------------------------------------------------------------------------

    def _map(self, fn: Any, items: Sequence[Any]) -> list[Any]:
        if len(items) <= 1:
            return [fn(x) for x in items]
        # Concurrent requests let the server batch them (vLLM, SGLang, `reviewer serve`).
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(items))) as pool:
            return list(pool.map(fn, items))

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        return self._map(self._complete_one, requests)

    def _complete_one(self, r: Request) -> Completion:
        body: dict[str, Any] = {
            "model": self.model_id,
            "messages": [{"role": "system", "content": r.system}, {"role": "user", "content": r.user}],
            "max_tokens": r.max_new_tokens,
            "temperature": self.temperature,
        }
        if r.schema is not None:
            body["response_format"] = {"type": "json_schema",
                                       "json_schema": {"name": "answer", "schema": r.schema, "strict": True}}
            if self.vllm_fields:
                body["structured_outputs"] = {"json": r.schema}
        try:
            data = self.request("POST", "/v1/chat/completions", body, cap=r.max_seconds)
        except _CapHit as hit:  # this answer is over its wall-clock cap; the others go on
            return Completion(text="", error=f"answer did not finish within {hit.seconds:g} s (wall-clock cap)")
        try:
            text = data["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            raise BackendError(f"model server at {self.base_url} sent no choices[0].message.content") from None
        usage = data.get("usage") or {}
        used = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
        if r.schema is not None:
            value, why = schemamod.parse(text, r.schema)
            if why is not None:  # a server that ignored the schema, or ran out of max_tokens
                return Completion(text="", error=f"server answer does not match the schema: {why}",
                                  input_tokens=used[0], output_tokens=used[1])
            text = schemamod.canonical(value)
        return Completion(text=text, input_tokens=used[0], output_tokens=used[1])

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        return self._map(self._confidence_one, questions)

    def _confidence_one(self, q: YesNo) -> float:
        body = {
            "model": self.model_id,
            "messages": [{"role": "system", "content": q.system}, {"role": "user", "content": q.user}],
            "max_tokens": 1, "temperature": 0.0, "logprobs": True, "top_logprobs": self.top_logprobs_n,
        }
        if self.vllm_fields:
            # Constrain the answer to yes/no (vLLM; `reviewer serve` then reads both log-probabilities
            # directly), so the first token is one of them even when neither is in the top few.
            body["structured_outputs"] = {"choice": ["yes", "no"]}
        return yes_probability(self.request("POST", "/v1/chat/completions", body))


def yes_probability(data: Any) -> float:
    """P(yes) / (P(yes) + P(no)) from the first token's top_logprobs; 0.5 when neither is there."""
    yes = no = 0.0
    try:
        first = data["choices"][0]["logprobs"]["content"][0]
        candidates = first.get("top_logprobs") or [first]
    except (KeyError, IndexError, TypeError):
        candidates = []
    for c in candidates:
        word = str(c.get("token", "")).strip().lower()
        p = math.exp(float(c.get("logprob", -math.inf)))
        if word == "yes":
            yes += p
        elif word == "no":
            no += p
    if yes + no > 0:
        return yes / (yes + no)
    try:  # no logprobs: the answer itself, as a hard 1/0
        word = str(data["choices"][0]["message"]["content"]).strip().lower()
    except (KeyError, IndexError, TypeError):
        return 0.5
    return 1.0 if word.startswith("yes") else 0.0 if word.startswith("no") else 0.5


class _Down(Exception):
    """Connecting failed: the server is not there."""


class _CapHit(Exception):
    """A request's own wall-clock cap (Request.max_seconds) ran out before the answer came."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} s")
        self.seconds = seconds


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout):
        return "connect timed out"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return str(exc) or type(exc).__name__


def _error_text(payload: bytes) -> str:
    try:
        data = json.loads(payload)
        err = data.get("error", data)
        msg = err.get("message") if isinstance(err, dict) else err
        return " ".join(str(msg).split())[:200]
    except (ValueError, AttributeError):
        return " ".join(payload.decode("utf-8", "replace").split())[:200] or "(empty body)"
