"""Configuration: built-in defaults < file < command-line flags.

The file is `[tool.reviewer]` in the reviewed repository's pyproject.toml, or
a `.reviewer.toml` at its root (top-level keys, same names). Sub-tables
(`[tool.reviewer.docstrings]`, ...) configure one task each. Unknown keys are
warned about by name, never silently ignored.
"""

from __future__ import annotations

import dataclasses
import re
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
    # Contexts (reviewer/rules/context.py, docs/rules.md): test files, vendored folders, CLI entry points.
    test_files: tuple[str, ...] = ("tests/*", "test/*", "*/tests/*", "*/test/*", "test_*.py", "*_test.py",
                                   "tests.py", "conftest.py", "*_tests/*", "tests_*/*", "*/tests_*/*", "testing/*",
                                   "*/testing/*", "integration/*", "testdata/*", "*/testdata/*",
                                   "features/steps/*", "*/features/steps/*")
    vendored: tuple[str, ...] = ("vendor", "vendored", "_vendor", "third_party", "thirdparty", "third-party",
                                 "3rdparty", "3rd_party", "3rd-party", "extern", "node_modules", "site-packages",
                                 # FanFicFare's copies of cloudscraper, chardet, ... (held-out round 457); Nuitka's
                                 # `nuitka/build/inline_copy/` of pefile, jinja2, yaml, ... (held-out round 480)
                                 "included_dependencies", "inline_copy")
    # A folder of other projects' installed packages (`lib/`, `libs/`, ... with *.dist-info folders or many
    # bare packages side by side; reviewer/rules/context.py) is vendored too.
    bundled: bool = True
    # Folders a project keeps code aside in, no longer run: rules skip a file in one (the `retired` context)
    # unless a file outside it imports it (pypeit's `deprecated/`, gtg's `backends/unmaintained/`,
    # cloud-custodian's `tools/sandbox/`, arelle's `arelle/archive/`, SeisMonitor's `.bck/` backup copies;
    # reviewer/rules/context.py).
    retired: tuple[str, ...] = ("deprecated", "unmaintained", "obsolete", "attic", "graveyard", "archive", "archived",
                                "old", "legacy", "sandbox", "abandoned", "outdated", "trash", "bck", ".bck", "bak", ".bak")
    entry_points: tuple[str, ...] = ("__main__.py", "cli.py", "scripts/*", "bin/*", "tools/*", "examples/*",
                                     "demos/*", "docs/*", "benchmarks/*", "setup.py", "noxfile.py", "manage.py",
                                     # Django's management commands, run by `manage.py <command>` (djangopackages'
                                     # `check_package_examples` prints its stats; held-out round 282)
                                     "*/management/commands/*")
    # Documentation and example code: tutorials teach with placeholder keys and best-effort demos.
    example_files: tuple[str, ...] = ("docs/*", "doc/*", "docs_src/*", "examples/*", "example/*", "demos/*", "demo/*",
                                      "samples/*", "*/examples/*", "*/docs/*", "*/doc/*",
                                      # a spike, scratch or top-level lab folder: throwaway exploration, shipped nowhere
                                      "spikes/*", "*/spikes/*", "scratch/*", "*/scratch/*", "lab/*",
                                      # ... a scratch module (NSLS-II xas's `scratch.py`, held-out round 858) and a
                                      # sandbox of experiments (cloud-custodian's `tools/sandbox/`, spacepy's
                                      # `sandbox/`: 15 labelled findings there, all noise but one)
                                      "scratch.py", "sandbox/*", "*/sandbox/*",
                                      # hand-run scripts that reproduce a reported bug (pyudev's
                                      # `reproducers/1297512.py` stops in pdb; held-out round 571)
                                      "reproducers/*", "*/reproducers/*",
                                      "Doc/*", "Docs/*", "Examples/*", "*_examples/*",
                                      # a top-level Demo folder (PySimpleGUI's DemoPrograms/), and demos and
                                      # examples one folder down
                                      "Demo*/*", "*/demos/*", "*/example/*",
                                      "tutorial/*", "*/tutorial/*", "tutorials/*", "*/tutorials/*",
                                      # a cookiecutter template: sample code a user generates and owns
                                      "*{{cookiecutter*")
    # Codes the project's ruff/flake8/bandit configuration ignores suppress our rules for them
    # (reviewer/rules/lintconfig.py).
    project_ignores: bool = True
    # Without a model, report the candidates of every pattern+judge rule, also those marked
    # `unconfirmed: skip` (an exhaustive audit, as bandit reports; `reviewer review --audit`).
    audit: bool = False


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
    style: str = "auto"  # auto (the module's own, detected; google when none) | google | numpy | sphinx | pep257
    skip_private: bool = True
    skip_dunder: bool = True
    skip_init: bool = True
    skip_tests: bool = True
    skip_nested: bool = True
    min_lines: int = 0
    line_length: int = 88
    skip_overload: bool = True  # @overload stubs (the implementation carries the docstring)
    skip_setters: bool = True  # @x.setter / @x.deleter (the property's getter carries it)
    generator: str = "auto"  # auto (the model if available, else nothing is written) | model | template


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
    max_comments_per_rule: int = 3  # inline comments of one rule in one file; 0: no limit
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
        """Check every value against SCHEMA (also after command-line overrides); UsageError names the key."""
        for section, keys in SCHEMA.items():
            obj = self if not section else getattr(self, section)
            for name, key in keys.items():
                key.check(getattr(obj, name), f"{section}.{name}" if section else name)
        if not self.cloud.escalate_low <= self.cloud.escalate_high:
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

_TYPE_WORDS = {"str": "a string", "int": "an integer", "float": "a number", "bool": "true or false",
               "list": "a list of strings", "severity_map": "a table of rule id = severity"}


@dataclass(frozen=True)
class Key:
    """One configuration key: its type, whether it may be unset, its allowed values or range."""

    kind: str  # str | int | float | bool | list | severity_map
    optional: bool = False  # may be left unset (None); a TOML file cannot spell None, so: only by omission
    choices: tuple[str, ...] = ()
    low: Optional[float] = None  # inclusive
    high: Optional[float] = None  # inclusive
    relative_path: bool = False  # a path inside the repository: not absolute, no '..'

    def describe(self) -> str:
        """The type column of docs/configuration.md."""
        out = _TYPE_WORDS[self.kind]
        if self.choices:
            listed = ", ".join(f"`{c}`" for c in self.choices)
            out = f"one of {listed}" if self.kind == "str" else f"{out}, each one of {listed}"
        if self.low is not None or self.high is not None:
            low = "" if self.low is None else f"{self.low:g} <= "
            high = "" if self.high is None else f" <= {self.high:g}"
            out += f", {low}value{high}"
        if self.relative_path:
            out += ", relative to the repository, no `..`"
        if self.optional:
            out += " (optional)"
        return out

    def check(self, value: Any, name: str) -> Any:
        """`value` normalised (a string for a list becomes a one-item list); UsageError naming `name`."""
        if value is None and self.optional:
            return None
        bad = UsageError(f"{name} must be {self.describe()}, not {_show(value)}")
        if self.kind == "str":
            if not isinstance(value, str):
                raise bad
            if self.choices and value not in self.choices:
                raise bad
            if self.relative_path:
                from reviewer.fsutil import relative_problem

                problem = relative_problem(value.replace("\\", "/"))
                if problem is not None:
                    raise UsageError(f"{name}: {value!r}: {problem}")
        elif self.kind == "bool":
            if not isinstance(value, bool):
                raise bad
        elif self.kind in ("int", "float"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise bad
            if self.kind == "int" and not isinstance(value, int):
                raise bad
            if value != value or value in (float("inf"), float("-inf")):
                raise bad
            if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
                raise bad
            value = float(value) if self.kind == "float" else value
        elif self.kind == "list":
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise bad
            if self.choices and any(v not in self.choices for v in value):
                if self.choices != TASKS or any(v not in _task_names() for v in value):
                    raise bad
            value = tuple(value)
        elif self.kind == "severity_map":
            if not isinstance(value, Mapping) or not all(
                    isinstance(k, str) and isinstance(v, str) and v.strip().lower() in SEVERITIES
                    for k, v in value.items()):
                raise bad
            value = dict(value)
        return value


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _task_names() -> set[str]:
    """The built-in tasks plus any registered at run time (reviewer.tasks.REGISTRY)."""
    from reviewer.tasks import REGISTRY

    return set(TASKS) | set(REGISTRY)


SEVERITIES = ("info", "warning", "error")
TASKS = ("review", "docstrings", "coverage", "tests")
_POSITIVE = 1e-9  # "more than zero" for seconds

# The one schema: every key of every section. Config.validate() checks it at load time and after
# command-line overrides; docs/configuration.md's "Schema" section is generated from it (schema_markdown).
SCHEMA: dict[str, dict[str, Key]] = {
    "": {
        "fail_level": Key("str", choices=FAIL_LEVELS),
        "filter_mode": Key("str", choices=FILTER_MODES),
        "tasks": Key("list", choices=TASKS),
        "exclude": Key("list"),
        "cache": Key("bool"),
        "cache_path": Key("str"),
    },
    "rules": {
        "packs": Key("list"),
        "paths": Key("list"),
        "guidelines": Key("list"),
        "enable": Key("list"),
        "disable": Key("list"),
        "severity": Key("severity_map"),
        "test_files": Key("list"),
        "vendored": Key("list"),
        "retired": Key("list"),
        "bundled": Key("bool"),
        "entry_points": Key("list"),
        "example_files": Key("list"),
        "project_ignores": Key("bool"),
        "audit": Key("bool"),
    },
    "model": {
        "backend": Key("str", choices=("transformers", "openai", "none")),
        "model": Key("str"),
        "revision": Key("str", optional=True),
        "device": Key("str"),
        "dtype": Key("str", choices=("auto", "float32", "float16", "bfloat16")),
        "optional": Key("bool"),
        "server": Key("str", optional=True),
        "fallback": Key("str", choices=("local", "rules")),
        "max_prompt_tokens": Key("int", low=1),
        "max_new_tokens": Key("int", low=1),
        "batch_tokens": Key("int", low=1),
        "min_confidence": Key("float", low=0, high=1),
        "timeout": Key("float", low=_POSITIVE),
        "connect_timeout": Key("float", low=_POSITIVE),
        "retries": Key("int", low=0),
        "temperature": Key("float", low=0),
        "seed": Key("int"),
    },
    "cloud": {
        "policy": Key("str", choices=("never", "escalate", "always")),
        "model": Key("str"),
        "escalate_low": Key("float", low=0, high=1),
        "escalate_high": Key("float", low=0, high=1),
        "exclude": Key("list"),
        "ledger": Key("str"),
        "price_input": Key("float", low=0),
        "price_output": Key("float", low=0),
        "price_cache_read": Key("float", low=0),
        "price_cache_write": Key("float", low=0),
        "price_date": Key("str"),
        "hardware_cost": Key("float", low=0),
        "amortise_months": Key("int", low=1),
        "power_cost_per_month": Key("float", low=0),
        "timeout": Key("float", low=_POSITIVE),
        "max_retries": Key("int", low=0),
        "max_escalations": Key("int", low=0),
    },
    "docstrings": {
        "style": Key("str", choices=("auto", "google", "numpy", "sphinx", "pep257")),
        "skip_private": Key("bool"),
        "skip_dunder": Key("bool"),
        "skip_init": Key("bool"),
        "skip_tests": Key("bool"),
        "skip_nested": Key("bool"),
        "min_lines": Key("int", low=0),
        "line_length": Key("int", low=20),
        "skip_overload": Key("bool"),
        "skip_setters": Key("bool"),
        "generator": Key("str", choices=("auto", "model", "template")),
    },
    "coverage": {
        "file": Key("str", optional=True),
        "fail_under": Key("float", optional=True, low=0, high=100),
        "repeat": Key("int", low=1),
        "attempts": Key("int", low=1),
        "timeout": Key("float", low=_POSITIVE),
        "tests_dir": Key("str", relative_path=True),
        "output": Key("str", relative_path=True),
        "memory_mb": Key("int", low=1),
        "python": Key("str"),
    },
    "github": {
        "max_comments": Key("int", low=0),
        "max_comments_per_rule": Key("int", low=0),
        "request_changes": Key("bool"),
    },
}


def schema_markdown() -> str:
    """The schema as Markdown tables (docs/configuration.md's "Schema" section is this text)."""
    out: list[str] = []
    defaults: dict[str, Any] = {"": Config(), **{name: cls() for name, cls in _SECTIONS.items()}}
    for section, keys in SCHEMA.items():
        out.append(f"### {'top level' if not section else f'[{section}]'}\n")
        out.append("| key | type and allowed values | default |")
        out.append("|---|---|---|")
        for name, key in keys.items():
            default = getattr(defaults[section], name)
            shown = "unset" if default is None else _toml(default)
            out.append(f"| `{name}` | {key.describe()} | `{shown}` |")
        out.append("")
    return "\n".join(out)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _coerce(cls: type, data: Mapping[str, Any], where: str, section: str = "") -> Any:
    """Build dataclass `cls` from `data`, checking each value against SCHEMA; warn on unknown keys."""
    known = {f.name for f in fields(cls) if f.name != "source"}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            qual = f"{section}.{key}" if section else key
            warnings.warn(f"{where}: unknown configuration key {qual!r} (ignored)", stacklevel=2)
            continue
        if name in _SECTIONS and cls is Config:
            if not isinstance(value, Mapping):
                raise UsageError(f"{where}: [{key}] must be a table, not {_show(value)}")
            kwargs[name] = _coerce(_SECTIONS[name], value, where, name)
            continue
        try:
            kwargs[name] = SCHEMA[section][name].check(value, f"{section}.{name}" if section else name)
        except UsageError as exc:
            raise UsageError(f"{where}: {exc.message}") from None
    return cls(**kwargs)


# A `[tool.reviewer]` or `[tool.reviewer.x]` header, found by text in a pyproject.toml that does not parse.
_REVIEWER_TABLE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*[\"']?reviewer[\"']?[ \t]*[.\]]", re.M)


def find_config_file(root: Path) -> Optional[Path]:
    dot = root / ".reviewer.toml"
    if dot.is_file():
        return dot
    py = root / "pyproject.toml"
    if py.is_file():
        try:
            text = py.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            return py  # load() reports the error
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            if _REVIEWER_TABLE.search(text):
                return py  # our settings are in it: load() reports the error with its location
            # The project's file, broken in this change or before it, with no settings of ours in it:
            # the review goes on with the defaults (pip and the project's CI will report the file).
            warnings.warn(f"{py.name}: invalid TOML ({exc}); it has no [tool.reviewer] table, "
                          f"so the review uses the default settings", stacklevel=2)
            return None
        tool = data.get("tool")
        if isinstance(tool, Mapping) and "reviewer" in tool:
            return py
    return None


def load(path: Optional[Path] = None, root: Optional[Path] = None) -> Config:
    """Load configuration from `path`, or discover it under `root`."""
    if path is None and root is not None:
        path = find_config_file(root)
    if path is None:
        return Config()
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read configuration {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start}): TOML files must be UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    where = str(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, Mapping):
            raise UsageError(f"{path}: tool must be a table, not {_show(tool)}")
        data = tool.get("reviewer", {})
        where = f"{path} [tool.reviewer]"
        if not isinstance(data, Mapping):
            raise UsageError(f"{where} must be a table, not {_show(data)}")
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
