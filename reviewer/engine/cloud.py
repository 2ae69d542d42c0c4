"""The Anthropic backend: Claude through the official `anthropic` SDK.

Named cloud.py, not anthropic.py, so that it never shadows the SDK package.

Every text is redacted (reviewer.engine.redact) before it is sent, and a
request whose files match `cloud.exclude` is refused here as well as by the
router: defence in depth for code that must not leave the machine. The
system prompt is sent as one text block marked `cache_control: ephemeral`,
so repeated calls in one run read the shared prefix from Anthropic's prompt
cache (it must be byte-identical and about 1,024 tokens or longer; shorter
prefixes are silently not cached). No temperature/top_p is sent: some newer
models reject non-default values. Timeouts and retries (429, 5xx, connection
errors, with backoff and `retry-after`) are the SDK's own, from config.
"""

from __future__ import annotations

import fnmatch
import json
import os
import time
from typing import Any, Mapping, Optional, Sequence

from reviewer.config import CloudConfig
from reviewer.engine.base import Completion, Request, YesNo
from reviewer.engine.redact import merge, redact
from reviewer.errors import BackendError

API_KEY_ENV = "ANTHROPIC_API_KEY"

YES_NO_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "properties": {
        "answer": {"type": "string", "enum": ["yes", "no"]},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    },
    "required": ["answer", "confidence"],
    "additionalProperties": False,
}


def api_key() -> Optional[str]:
    """The API key from the environment, or None (then the cloud is off)."""
    return os.environ.get(API_KEY_ENV) or None


def excluded(path: str, globs: Sequence[str]) -> bool:
    """Whether `path` matches one of the `cloud.exclude` globs (a folder glob covers its files)."""
    for glob in globs:
        g = glob.rstrip("/")
        if fnmatch.fnmatch(path, g) or fnmatch.fnmatch(path, g + "/*") or path.startswith(g + "/"):
            return True
    return False


class AnthropicBackend:
    """Backend protocol over the Messages API. `leaves_machine` is True: code goes to a third party."""

    name = "anthropic"
    leaves_machine = True

    def __init__(self, cloud: CloudConfig, key: Optional[str] = None, base_url: Optional[str] = None) -> None:
        try:
            import anthropic
        except ImportError:
            raise BackendError("the cloud backend needs the anthropic SDK: pip install 'reviewer[cloud]'") from None
        key = key or api_key()
        if not key:
            raise BackendError(f"{API_KEY_ENV} is not set: the cloud backend is off")
        self.cloud = cloud
        self.model_id = cloud.model
        self._anthropic = anthropic
        # base_url None: the SDK reads ANTHROPIC_BASE_URL, else the public API.
        self.client = anthropic.Anthropic(api_key=key, base_url=base_url, timeout=cloud.timeout,
                                          max_retries=cloud.max_retries)
        self.last_confidence_usage: list[dict[str, Any]] = []

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        """Answer each request in order; raises BackendError on the first failure."""
        return [self._one(r.system, r.user, r.schema, r.max_new_tokens, r.paths) for r in requests]

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        """P(yes) from Claude's structured yes/no answer and its stated confidence."""
        out: list[float] = []
        self.last_confidence_usage = []
        for q in questions:
            comp = self._one(q.system, q.user + "\n\nAnswer yes or no, with your confidence in that answer.",
                             YES_NO_SCHEMA, 64, q.paths)
            data = parse_json(comp.text, ("answer", "confidence"))
            conf = min(1.0, max(0.0, float(data["confidence"])))
            out.append(conf if data["answer"] == "yes" else 1.0 - conf)
            self.last_confidence_usage.append({"input_tokens": comp.input_tokens,
                                               "output_tokens": comp.output_tokens, **comp.meta})
        return out

    def _one(self, system: str, user: str, schema: Optional[Mapping[str, Any]], max_tokens: int,
             paths: Sequence[str]) -> Completion:
        kept = [p for p in paths if excluded(p, self.cloud.exclude)]
        if kept:
            raise BackendError(f"refusing to send {', '.join(kept)} to the cloud: it matches cloud.exclude")
        sys_r, user_r = redact(system), redact(user)
        kwargs: dict[str, Any] = {
            "model": self.model_id,
            "max_tokens": max_tokens,
            "system": [{"type": "text", "text": sys_r.text, "cache_control": {"type": "ephemeral"}}],
            "messages": [{"role": "user", "content": user_r.text}],
        }
        if schema is not None:
            kwargs["output_config"] = {"format": {"type": "json_schema", "schema": self._schema(schema)}}
        start = time.perf_counter()
        try:
            message = self.client.messages.create(**kwargs)
        except self._anthropic.APITimeoutError:
            raise BackendError(f"the Anthropic API timed out after {self.cloud.timeout:g}s "
                               f"({self.cloud.max_retries} retries)") from None
        except self._anthropic.APIStatusError as exc:
            raise BackendError(f"the Anthropic API answered {exc.status_code} after "
                               f"{self.cloud.max_retries} retries: {_short(exc.message)}") from None
        except self._anthropic.APIConnectionError as exc:
            raise BackendError(f"cannot reach the Anthropic API: {_short(str(exc))}") from None
        except Exception as exc:  # noqa: BLE001 - a malformed body surfaces as assorted SDK/pydantic errors
            raise BackendError(f"malformed answer from the Anthropic API: {type(exc).__name__}") from None
        latency = time.perf_counter() - start
        text = "".join(getattr(b, "text", "") for b in (message.content or []) if getattr(b, "type", "") == "text")
        usage = message.usage
        return Completion(
            text=text,
            input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
            output_tokens=int(getattr(usage, "output_tokens", 0) or 0),
            meta={
                "cache_read_tokens": int(getattr(usage, "cache_read_input_tokens", 0) or 0),
                "cache_write_tokens": int(getattr(usage, "cache_creation_input_tokens", 0) or 0),
                "latency_s": latency,
                "redactions": merge(sys_r.kinds, user_r.kinds),
                "stop_reason": getattr(message, "stop_reason", None),
            },
        )


    def _schema(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        """The API's JSON-schema subset: the SDK moves bounds it rejects (minimum, maxLength, ...) into
        descriptions; callers still check values locally."""
        try:
            return self._anthropic.transform_schema(json.loads(json.dumps(schema)))
        except (TypeError, ValueError) as exc:
            raise BackendError(f"cannot send this JSON schema to the Anthropic API: {exc}") from None


def parse_json(text: str, required: Sequence[str]) -> dict[str, Any]:
    """Parse a structured answer; BackendError when it is not an object with `required` keys."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise BackendError("malformed answer from the Anthropic API: not JSON") from None
    if not isinstance(data, dict) or any(k not in data for k in required):
        raise BackendError(f"malformed answer from the Anthropic API: expected keys {', '.join(required)}")
    return data


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
