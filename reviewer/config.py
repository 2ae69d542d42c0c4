"""Configuration: built-in defaults < file < command-line flags.

The file is `[tool.reviewer]` in the reviewed repository's pyproject.toml, or
a `.reviewer.toml` at its root (top-level keys, same names). Sub-tables
(`[tool.reviewer.docstrings]`, ...) configure one task each. Unknown keys are
warned about by name, never silently ignored.
"""

from __future__ import annotations

import dataclasses
import sys
import warnings
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping, Optional

from reviewer.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

DEFAULT_MODEL = "Qwen/Qwen2.5-Coder-1.5B-Instruct"
FILTER_MODES = ("added", "diff_context", "file", "nofilter")
FAIL_LEVELS = ("none", "info", "warning", "error")


@dataclass(frozen=True)
class RulesConfig:
    packs: tuple[str, ...] = ("python-standards", "python-crypto", "off-by-one", "python-bugs")
    paths: tuple[str, ...] = ()  # extra rule folders, relative to the repository
    # Team guidelines in Markdown (reviewer/guidelines.py): each section or top-level bullet is a judge rule.
    guidelines: tuple[str, ...] = (".reviewer/guidelines.md",)
    enable: tuple[str, ...] = ()  # rule ids to enable even if their pack is off
    disable: tuple[str, ...] = ()  # rule ids (or packs) to turn off
    severity: Mapping[str, str] = field(default_factory=dict)  # rule id -> severity


@dataclass(frozen=True)
class ModelConfig:
    backend: str = "transformers"  # transformers | openai | none
    model: str = DEFAULT_MODEL
    revision: Optional[str] = None
    device: str = "auto"
    dtype: str = "auto"
    optional: bool = True  # a missing model skips model tasks instead of failing
    server: Optional[str] = None  # URL of `reviewer serve` or an OpenAI-compatible server
    fallback: str = "local"  # when the server is down: local | rules
    max_prompt_tokens: int = 3072
    max_new_tokens: int = 384
    batch_tokens: int = 16384
    min_confidence: float = 0.5
    timeout: float = 120.0
    connect_timeout: float = 5.0  # seconds to reach a server before falling back
    retries: int = 3  # server retries on 429/5xx, with exponential backoff
    temperature: float = 0.0  # 0 = greedy (deterministic, cache-friendly)
    seed: int = 0  # for temperature > 0


@dataclass(frozen=True)
class CloudConfig:
    policy: str = "never"  # never | escalate | always
    # The current Sonnet (docs/cloud.md, checked 2026-11-23); Sonnet 4.5 retires 2026-11-30.
    model: str = "claude-sonnet-5-5"
    escalate_low: float = 0.3  # model findings with confidence in [low, high) go to the cloud
    escalate_high: float = 0.7
    exclude: tuple[str, ...] = ()  # globs that never leave the machine, whatever the policy
    ledger: str = ".reviewer/ledger.jsonl"
    # USD per million tokens, Anthropic list prices for `model` as of price_date (docs/cloud.md).
    price_input: float = 2.0
    price_output: float = 10.0
    price_cache_read: float = 0.2  # 0.1x input
    price_cache_write: float = 2.5  # 1.25x input (5-minute ephemeral cache)
    price_date: str = "2026-11-23"
    hardware_cost: float = 0.0  # a GPU box, for the break-even figure of `reviewer cost`
    amortise_months: int = 36
    power_cost_per_month: float = 0.0
    timeout: float = 60.0  # seconds per request, passed to the SDK
    max_retries: int = 2  # the SDK's own retries (429, 5xx, connection errors)
    max_escalations: int = 50  # per run, a spend cap


@dataclass(frozen=True)
class DocstringsConfig:
    style: str = "google"  # google | numpy | sphinx | pep257
    skip_private: bool = True
    skip_dunder: bool = True
    skip_init: bool = True
    skip_tests: bool = True
    skip_nested: bool = True
    min_lines: int = 0
    line_length: int = 88
    skip_overload: bool = True  # @overload stubs (the implementation carries the docstring)
    skip_setters: bool = True  # @x.setter / @x.deleter (the property's getter carries it)
    generator: str = "auto"  # auto (model if available, else template) | model | template


@dataclass(frozen=True)
class CoverageConfig:
    file: Optional[str] = None  # .coverage, coverage.json or coverage.xml
    fail_under: Optional[float] = None
    repeat: int = 5
    attempts: int = 2
    timeout: float = 60.0
    tests_dir: str = "tests"
    output: str = "tests/test_{module}_proposed.py"
    memory_mb: int = 2048  # address-space limit for each candidate test run
    python: str = ""  # interpreter that runs candidate tests (default: the one running reviewer)


@dataclass(frozen=True)
class GitHubConfig:
    max_comments: int = 30
    request_changes: bool = False


@dataclass(frozen=True)
class Config:
    fail_level: str = "error"
    filter_mode: str = "added"
    tasks: tuple[str, ...] = ("review",)
    exclude: tuple[str, ...] = ()  # globs never reviewed
    cache: bool = True
    cache_path: str = ".reviewer/cache.sqlite"
    rules: RulesConfig = field(default_factory=RulesConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    cloud: CloudConfig = field(default_factory=CloudConfig)
    docstrings: DocstringsConfig = field(default_factory=DocstringsConfig)
    coverage: CoverageConfig = field(default_factory=CoverageConfig)
    github: GitHubConfig = field(default_factory=GitHubConfig)
    # Where the configuration came from, for messages; not a user key.
    source: Optional[str] = field(default=None, compare=False)

    def validate(self) -> "Config":
        if self.fail_level not in FAIL_LEVELS:
            raise UsageError(f"fail_level must be one of {', '.join(FAIL_LEVELS)}, not {self.fail_level!r}")
        if self.filter_mode not in FILTER_MODES:
            raise UsageError(f"filter_mode must be one of {', '.join(FILTER_MODES)}, not {self.filter_mode!r}")
        if self.cloud.policy not in ("never", "escalate", "always"):
            raise UsageError(f"cloud.policy must be never, escalate or always, not {self.cloud.policy!r}")
        if not 0.0 <= self.model.min_confidence <= 1.0:
            raise UsageError("model.min_confidence must be between 0 and 1")
        if not 0.0 <= self.cloud.escalate_low <= self.cloud.escalate_high <= 1.0:
            raise UsageError("cloud.escalate_low and cloud.escalate_high must satisfy 0 <= low <= high <= 1")
        return self


_SECTIONS = {
    "rules": RulesConfig,
    "model": ModelConfig,
    "cloud": CloudConfig,
    "docstrings": DocstringsConfig,
    "coverage": CoverageConfig,
    "github": GitHubConfig,
}


def _coerce(cls: type, data: Mapping[str, Any], where: str) -> Any:
    """Build dataclass `cls` from `data`, warning on unknown keys."""
    known = {f.name: f for f in fields(cls) if f.name != "source"}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            warnings.warn(f"{where}: unknown configuration key {key!r} (ignored)", stacklevel=2)
            continue
        if name in _SECTIONS and cls is Config:
            if not isinstance(value, Mapping):
                raise UsageError(f"{where}: [{key}] must be a table")
            kwargs[name] = _coerce(_SECTIONS[name], value, f"{where}.{key}")
            continue
        default = known[name].default
        if isinstance(default, tuple) or known[name].type in ("tuple[str, ...]",):
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, (list, tuple)):
                raise UsageError(f"{where}: {key} must be a list of strings")
            value = tuple(str(v) for v in value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise UsageError(f"{where}: {key} must be true or false")
        elif isinstance(default, (int, float)) and not isinstance(default, bool):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise UsageError(f"{where}: {key} must be a number")
        kwargs[name] = value
    return cls(**kwargs)


def find_config_file(root: Path) -> Optional[Path]:
    dot = root / ".reviewer.toml"
    if dot.is_file():
        return dot
    py = root / "pyproject.toml"
    if py.is_file():
        try:
            data = tomllib.loads(py.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return py  # load() reports the error with its location
        if "reviewer" in data.get("tool", {}):
            return py
    return None


def load(path: Optional[Path] = None, root: Optional[Path] = None) -> Config:
    """Load configuration from `path`, or discover it under `root`."""
    if path is None and root is not None:
        path = find_config_file(root)
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read configuration {path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    where = str(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("reviewer", {})
        where = f"{path} [tool.reviewer]"
    cfg: Config = _coerce(Config, data, where)
    return replace(cfg, source=str(path)).validate()


def override(cfg: Config, **flags: Any) -> Config:
    """Apply command-line flags (None means 'not given'). Dotted keys use '__'."""
    top: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for key, value in flags.items():
        if value is None:
            continue
        if "__" in key:
            section, name = key.split("__", 1)
            nested.setdefault(section, {})[name] = value
        else:
            top[key] = value
    for section, values in nested.items():
        top[section] = replace(getattr(cfg, section), **values)
    return replace(cfg, **top).validate()


def as_dict(cfg: Config) -> dict[str, Any]:
    return dataclasses.asdict(cfg)
