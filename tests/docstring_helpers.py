"""Helpers for the docstring tests: run the injection on bytes with a given configuration."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Optional

from reviewer.config import DocstringsConfig
from reviewer.docgen.generate import TemplateBackend
from reviewer.docgen.run import DocstringsSection, FileInput, document

_HEADER = re.compile(rb"^# golden: (.*)$", re.M)


def golden_config(data: bytes) -> DocstringsConfig:
    """Configuration from a `# golden: key=value ...` line (defaults otherwise)."""
    m = _HEADER.search(data)
    values: dict[str, Any] = {}
    if m:
        for item in m.group(1).decode().split():
            key, value = item.split("=", 1)
            values[key] = {"true": True, "false": False}.get(value, int(value) if value.isdigit() else value)
    return dataclasses.replace(DocstringsConfig(), **values)


def inject_all(data: bytes, cfg: Optional[DocstringsConfig] = None, backend: Any = None,
               changed: Optional[frozenset[int]] = None, path: str = "case.py") -> DocstringsSection:
    """Document every selected definition of `data` (all lines count as changed unless given).

    The checks on generated prose are off: these helpers test insertion (the AST guarantees still
    apply); the checks have their own tests (test_docstrings_checks.py, test_docstrings_grounded.py).
    """
    return document([FileInput(path, data, changed)], cfg or golden_config(data), backend or TemplateBackend(),
                    checks_mode="off")


class ScriptedServer:
    """An OpenAI-compatible server on 127.0.0.1 whose answers are chosen from the request.

    `answer(name, user_message)` gets the documented definition's name (from the prompt's
    facts line) and the whole user message, and returns the assistant's content. Every
    request body is kept in `requests`. Stands in for `reviewer serve` / vLLM without a model.
    """

    def __init__(self, answer: Any) -> None:
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.requests: list[dict[str, Any]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, payload: Any) -> None:
                body = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._send({"object": "list", "data": [{"id": "scripted-docs-model", "object": "model"}]})

            def do_POST(self) -> None:
                data = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                owner.requests.append(data)
                user = data["messages"][-1]["content"]
                facts = next(ln for ln in user.splitlines() if ln.startswith("Facts (JSON): "))
                name = json.loads(facts[len("Facts (JSON): "):])["name"]
                content = answer(name, user)
                self._send({"choices": [{"message": {"role": "assistant", "content": content}}],
                            "usage": {"prompt_tokens": 10, "completion_tokens": 10}})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def prompts(self) -> dict[str, str]:
        """Definition name -> the user message it was asked with."""
        import json

        out = {}
        for data in self.requests:
            user = data["messages"][-1]["content"]
            facts = next(ln for ln in user.splitlines() if ln.startswith("Facts (JSON): "))
            out[json.loads(facts[len("Facts (JSON): "):])["name"]] = user
        return out

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
