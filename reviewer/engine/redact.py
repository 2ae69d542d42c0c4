"""Mask anything that looks like a secret before text leaves the machine.

Two layers, applied to every text the cloud backend sends:

1. Our own patterns, for shapes a line-based detector cannot see or that it
   reports without a usable span: private-key blocks (several lines),
   credentials inside URLs, `password = "..."`-style assignments and
   `.env`-style `NAME=value` lines whose name says secret/token/key/password.
2. detect-secrets (Yelp, maintained), when installed: its regex detectors
   (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, JWT, npm, PyPI, ...) by their
   own patterns, plus its keyword and high-entropy detectors on quoted strings.

A masked value becomes `[REDACTED:<kind>]`. The caller learns how many values
of which kinds were masked, never the values themselves: reports and the
ledger show counts and kinds only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Optional

MASK = "[REDACTED:{kind}]"

_PRIVATE_KEY = re.compile(
    r"-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----.*?(-----END[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----|\Z)",
    re.DOTALL,
)
# scheme://user:password@host -> mask the password only.
_URL_CREDENTIALS = re.compile(r"(?P<pre>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@'\"]+:)(?P<secret>[^\s@/'\"]+)(?=@)")
_SECRET_NAME = r"[A-Za-z0-9_.-]*(?:pass(?:wd|word)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|credential)[A-Za-z0-9_.-]*"
# name = "value" / name: 'value' / name="value" in code and config files.
_QUOTED_ASSIGNMENT = re.compile(
    rf"(?P<pre>\b{_SECRET_NAME}\s*(?:=|:|:=|=>)\s*[rbuRBU]?(?P<q>['\"]))(?P<secret>[^'\"\n]{{4,}})(?P=q)",
    re.IGNORECASE,
)
# .env style: NAME=value (unquoted, no spaces around `=`, as .env files write it) at the start of a
# line, optionally `export` or a diff marker. Code such as `token = make_token()` does not match.
_ENV_ASSIGNMENT = re.compile(
    rf"(?P<pre>^[+\- ]?\s*(?:export\s+)?{_SECRET_NAME}=)(?P<secret>[^\s'\"#()]{{4,}})(?=\s|#|$)",
    re.IGNORECASE | re.MULTILINE,
)
# Well-known key prefixes detect-secrets 1.5 does not cover.
_PREFIXED_KEYS = re.compile(r"\b(?:sk-ant-[A-Za-z0-9_-]{16,}|sk-[A-Za-z0-9_-]{32,}|hf_[A-Za-z0-9]{30,}|AIza[0-9A-Za-z_-]{35})")

# detect-secrets detectors we do not use: an IP address is not a secret.
_SKIP_PLUGINS = {"PublicIPDetector", "IPPublicDetector"}
_MIN_SECRET_LEN = 6  # shorter "secrets" are regex-group artefacts, and masking them would mangle code


@dataclass(frozen=True)
class Redacted:
    """A text with its secrets masked, and what was masked (kinds and counts only)."""

    text: str
    kinds: Mapping[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.kinds.values())


def redact(text: str) -> Redacted:
    """Mask secrets in `text`; the result never contains a detected secret value."""
    counts: Counter[str] = Counter()
    text = _sub(_PRIVATE_KEY, text, counts, "private key", whole=True)
    text = _sub(_URL_CREDENTIALS, text, counts, "password in URL")
    text = _sub(_QUOTED_ASSIGNMENT, text, counts, "secret assignment")
    text = _sub(_ENV_ASSIGNMENT, text, counts, "env secret")
    text = _sub(_PREFIXED_KEYS, text, counts, "api key", whole=True)
    text = _detect_secrets(text, counts)
    return Redacted(text, dict(counts))


def merge(kinds: Mapping[str, int], more: Mapping[str, int]) -> dict[str, int]:
    out = Counter(kinds)
    out.update(more)
    return dict(out)


def describe(kinds: Mapping[str, int]) -> str:
    """`3 secret(s) masked (2 secret assignment, 1 private key)`; no values."""
    total = sum(kinds.values())
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return f"{total} secret(s) masked ({detail})"


def _sub(pattern: "re.Pattern[str]", text: str, counts: Counter[str], kind: str, whole: bool = False) -> str:
    def repl(m: "re.Match[str]") -> str:
        if not whole and "REDACTED" in m.group("secret"):
            return m.group(0)
        counts[kind] += 1
        mask = MASK.format(kind=kind)
        return mask if whole else m.group("pre") + mask + m.group(0)[m.end("secret") - m.start(0):]

    return pattern.sub(repl, text)


def _detect_secrets(text: str, counts: Counter[str]) -> str:
    detectors = _detectors()
    if not detectors:
        return text
    out = []
    for line in text.split("\n"):
        if line.strip():
            for kind, find in detectors:
                for value in find(line):
                    if len(value) < _MIN_SECRET_LEN or "REDACTED" in value or value not in line:
                        continue
                    counts[kind] += line.count(value)
                    line = line.replace(value, MASK.format(kind=kind))
        out.append(line)
    return "\n".join(out)


_DETECTORS: Optional[list[tuple[str, Callable[[str], Iterator[str]]]]] = None


def _detectors() -> list[tuple[str, Callable[[str], Iterator[str]]]]:
    """detect-secrets' plugins as (kind, line -> secret values); [] without the library."""
    global _DETECTORS
    if _DETECTORS is not None:
        return _DETECTORS
    try:
        from detect_secrets.plugins.base import RegexBasedDetector
        from detect_secrets.settings import default_settings, get_plugins
    except ImportError:  # the `cloud` extra is not installed: our own patterns still apply
        _DETECTORS = []
        return _DETECTORS
    found: list[tuple[str, Callable[[str], Iterator[str]]]] = []
    with default_settings():
        plugins: list[Any] = list(get_plugins())
    for plugin in plugins:
        name = type(plugin).__name__
        if name in _SKIP_PLUGINS:
            continue
        kind = str(getattr(plugin, "secret_type", name)).lower()
        if isinstance(plugin, RegexBasedDetector) and name != "KeywordDetector":
            # Whole matches: the plugins' analyze_string returns regex groups, which may be a prefix only.
            found.append((kind, _regex_finder(list(plugin.denylist))))
        else:
            found.append((kind, _plugin_finder(plugin)))
    _DETECTORS = found
    return found


def _regex_finder(patterns: list["re.Pattern[str]"]) -> Callable[[str], Iterator[str]]:
    def find(line: str) -> Iterator[str]:
        for pattern in patterns:
            for m in pattern.finditer(line):
                yield m.group(0)

    return find


def _plugin_finder(plugin: Any) -> Callable[[str], Iterator[str]]:
    def find(line: str) -> Iterator[str]:
        try:
            values = list(plugin.analyze_string(line))
        except Exception:  # noqa: BLE001 - a detector bug must not stop redaction by the others
            return
        # High-entropy plugins yield every quoted string of their charset from analyze_string and apply
        # their entropy limit only in analyze_line; without this filter "confirm" or "message" is a secret.
        limit = getattr(plugin, "entropy_limit", None)
        for value in values:
            if not isinstance(value, str):
                continue
            if limit is not None and plugin.calculate_shannon_entropy(value) <= limit:
                continue
            yield value

    return find
