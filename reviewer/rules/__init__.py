"""Rules: load and validate rule YAML into `Rule` records, and choose which ones run.

Rules are data. A rule file holds one rule: an ast-grep rule object (matched
by `reviewer.rules.match`), an optional rewrite template (`fix`), and an
optional yes/no question for the model (`judge`). Sources, in order:

1. the built-in packs (`rules/<pack>/*.yaml` in a checkout, `reviewer/builtin_rules/` in the wheel);
2. the reviewed repository's `.reviewer/rules/`;
3. the folders listed in `config.rules.paths`.

A pack is a folder of rule files; its tests live in its `tests/` subfolder.
Any invalid file stops the run with `file:line: what is wrong` (exit 2).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

import yaml  # type: ignore[import-untyped, unused-ignore]

from reviewer.config import RulesConfig
from reviewer.errors import UsageError
from reviewer.records import PinnedBelow, Rule, Severity

REPO_RULES = ".reviewer/rules"
# libyaml's loader when PyYAML was built with it: several times faster on every run.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KEYS = {"id", "title", "severity", "language", "description", "files", "exclude", "rule",
        "constraints", "utils", "transform", "fix", "judge", "examples",
        # name resolution (reviewer.rules.resolve), contexts (reviewer.rules.context), guarded fixes
        "calls", "names", "unless_argument_of", "context", "fix_when", "enabled", "unconfirmed", "defers_to",
        "requires_python", "python_since", "gate", "callers", "callee", "unless_project", "fix_unless_project",
        "when_pinned_below"}
# what a project may have that makes a rule moot (rules.callers, rules.purpose, rules.practice)
UNLESS_PROJECT = ("custom-task-factory", "security-tool", "none-by-equality", "len-as-key", "warnings-off",
                  "yaml-python-tags")
REQUIRED = ("id", "title", "severity", "description")
# Globs a rule applies to when it names none, by language.
DEFAULT_FILES = {"python": ("*.py", "*.pyi")}


@functools.lru_cache(maxsize=None)
def builtin_dir() -> Path:
    """Folder holding the built-in packs: inside the installed package, else the checkout's rules/."""
    here = Path(__file__).resolve().parent.parent  # reviewer/
    packaged = here / "builtin_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


# --- reading one file -----------------------------------------------------------------------

def _fail(path: Path, line: int, what: str) -> UsageError:
    return UsageError(f"{path}:{line}: {what}")


def _compose(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML, returning the mapping and the 1-based line of each top-level key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, 1, f"cannot read rule file: {exc}") from None
    try:
        loader = _LOADER(text)  # a safe loader; one parse gives both the nodes (for lines) and the data
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise _fail(path, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise _fail(path, 1, f"invalid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise _fail(path, 1, "a rule file must be a mapping with id, title, severity, description and rule/judge")
    lines: dict[str, int] = {}
    for key, _value in node.value:
        if str(key.value) in lines:  # PyYAML would silently keep the last one
            raise _fail(path, key.start_mark.line + 1, f"key {key.value!r} given twice")
        lines[str(key.value)] = key.start_mark.line + 1
    return data, lines


def _strings(path: Path, line: int, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, line, f"{key} must be a glob or a list of globs")
    return tuple(value)


def _examples(path: Path, line: int, value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping) or set(value) - {"bad", "good"}:
        raise _fail(path, line, "examples must be a mapping with `bad` and/or `good` code")
    out: list[tuple[str, str]] = []
    for kind in ("bad", "good"):
        items = value.get(kind) or []
        for code in [items] if isinstance(items, str) else items:
            if not isinstance(code, str):
                raise _fail(path, line, f"examples.{kind} must be code as text")
            out.append((kind, code))
    return tuple(out)


def parse_file(path: Path, pack: str, compile_check: bool = True) -> Rule:
    """Read and validate one rule file. `pack` is the folder's name unless the id names one.

    `compile_check=False` skips compiling its ast-grep rules against an empty tree: for the packs shipped
    with the tool, which the test suite compiles (tests/test_rules.py), not every run (a tenth of a
    run's rule loading)."""
    data, lines = _compose(path)
    line = lines.get
    for key in data:
        if key not in KEYS:
            raise _fail(path, line(str(key), 1), f"unknown key {key!r} (allowed: {', '.join(sorted(KEYS))})")
    for key in REQUIRED:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _fail(path, line(key, 1), f"`{key}` is required and must be text")
    if not any(k in data for k in ("rule", "judge", "calls", "names")):
        raise _fail(path, 1, "a rule needs `rule:` (an ast-grep rule), `calls:`/`names:` (canonical APIs), "
                             "`judge:` (a question for the model), or a pattern and a judge")
    raw_id = data["id"].strip()
    if "/" in raw_id:
        pack, _, name = raw_id.rpartition("/")
    else:
        name = raw_id
    if not name or not pack or any(c.isspace() for c in raw_id):
        raise _fail(path, line("id", 1), f"bad id {raw_id!r}: use `name` or `pack/name`, no spaces")
    try:
        severity = Severity.parse(data["severity"])
    except ValueError as exc:
        raise _fail(path, line("severity", 1), str(exc)) from None
    language = str(data.get("language", "python")).lower()
    files = _strings(path, line("files", 1), "files", data["files"]) if "files" in data else DEFAULT_FILES.get(language)
    if files is None:
        raise _fail(path, line("language", 1), f"language {language!r} has no default files: add `files:` globs")
    exclude = _strings(path, line("exclude", 1), "exclude", data.get("exclude", []))
    for key in ("fix", "judge"):
        if key in data and not isinstance(data[key], str):
            raise _fail(path, line(key, 1), f"`{key}` must be text")
    structural = any(k in data for k in ("rule", "calls", "names"))
    if "fix" in data and not structural:
        raise _fail(path, line("fix", 1), "`fix` needs a `rule` (or `calls:`/`names:`) to say what it rewrites")
    if "fix_when" in data and "fix" not in data:
        raise _fail(path, line("fix_when", 1), "`fix_when` needs a `fix`")
    refs = _refs(path, lines, data)
    if refs is not None and any(a.focus for c in refs.calls for a in c.args) and "$" in str(data.get("fix", "")):
        raise _fail(path, line("fix", 1), "a fix for a `focus:` argument cannot use meta-variables")
    matcher = _matcher(path, lines, data, language, refs, compile_check) if structural else None
    fix_when = _sub_rule(path, lines, data, language, "fix_when", compile_check)
    if "gate" in data and not structural:
        raise _fail(path, line("gate", 1), "`gate` needs a `rule` (or `calls:`/`names:`): it guards the match")
    gate = _sub_rule(path, lines, data, language, "gate", compile_check)
    if "callers" in data and (data["callers"] != "tests" or "rule" not in data):
        raise _fail(path, line("callers", 1), "`callers` must be `tests`, next to a `rule` that matches a "
                                              "parameter's default")
    if "callee" in data and (data["callee"] != "exception" or "rule" not in data):
        raise _fail(path, line("callee", 1), "`callee` must be `exception`, next to a `rule` that matches a call")
    if "unless_project" in data and data["unless_project"] not in UNLESS_PROJECT:
        raise _fail(path, line("unless_project", 1), "`unless_project` must be one of: " + ", ".join(UNLESS_PROJECT))
    if "fix_unless_project" in data and (data["fix_unless_project"] not in UNLESS_PROJECT or "fix" not in data):
        raise _fail(path, line("fix_unless_project", 1), "`fix_unless_project` needs a `fix` and must be one of: "
                    + ", ".join(UNLESS_PROJECT))
    return Rule(
        id=f"{pack}/{name}", pack=pack, title=data["title"].strip(), severity=severity, language=language,
        description=data["description"].strip(), files=files, exclude=exclude, matcher=matcher,
        fix=data.get("fix"), judge=(data.get("judge") or "").strip() or None, source=str(path),
        examples=_examples(path, line("examples", 1), data.get("examples")), line=line("id", 1),
        refs=refs, fix_when=fix_when, context=_context(path, line("context", 1), data.get("context")),
        default_enabled=_enabled(path, line("enabled", 1), data.get("enabled", True)),
        unconfirmed=_unconfirmed(path, line("unconfirmed", 1), data),
        defers_to=_defers_to(path, line("defers_to", 1), pack, data),
        requires_python=_version_key(path, line("requires_python", 1), data, "requires_python"),
        python_since=_version_key(path, line("python_since", 1), data, "python_since"),
        gate=gate, callers=data.get("callers"), callee=data.get("callee"), unless_project=data.get("unless_project"),
        fix_unless_project=data.get("fix_unless_project"),
        when_pinned_below=_pinned_below(path, line("when_pinned_below", 1), data),
    )


def _pinned_below(path: Path, line: int, data: dict[str, Any]) -> Optional[PinnedBelow]:
    """`when_pinned_below: {package: PyYAML, version: "6", severity: warning, released: "2021-10-13"}`
    (reviewer.rules.pins; `released`, optional, is the day that version came out)."""
    if "when_pinned_below" not in data:
        return None
    value = data["when_pinned_below"]
    shape = ("`when_pinned_below` must be {package: NAME, version: \"X[.Y]\", severity: info|warning|error"
             "[, released: \"YYYY-MM-DD\"]}")
    if not isinstance(value, dict) or not {"package", "version", "severity"} <= set(value) \
            or not set(value) <= {"package", "version", "severity", "released"}:
        raise _fail(path, line, shape)
    package, version = value["package"], str(value["version"])
    released = value.get("released")
    if not isinstance(package, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", package) \
            or not re.fullmatch(r"\d+(\.\d+)*", version) \
            or (released is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(released))):
        raise _fail(path, line, shape)
    try:
        severity = Severity.parse(str(value["severity"]))
    except ValueError as exc:
        raise _fail(path, line, f"when_pinned_below.severity: {exc}") from None
    return PinnedBelow(package, tuple(int(p) for p in version.split(".")), severity,
                       str(released) if released is not None else None)


def _version_key(path: Path, line: int, data: dict[str, Any], key: str) -> Optional[tuple[int, int]]:
    """`requires_python: "3.2"` (the oldest Python the advice works on) or `python_since: "3.12"`."""
    if key not in data:
        return None
    from reviewer.rules.pyversion import parse_version

    value = data[key]
    version = parse_version(value) if isinstance(value, str) else None
    if version is None:
        raise _fail(path, line, f'`{key}` must be a "MAJOR.MINOR" string, e.g. "3.2"')
    return version


def _defers_to(path: Path, line: int, pack: str, data: dict[str, Any]) -> tuple[str, ...]:
    """`defers_to: [name | pack/name, ...]`: rules whose finding on the same node replaces this one's."""
    if "defers_to" not in data:
        return ()
    if not any(k in data for k in ("rule", "calls", "names")):
        raise _fail(path, line, "`defers_to` needs a `rule` (or `calls:`/`names:`): it compares matched nodes")
    value = data["defers_to"]
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise _fail(path, line, "`defers_to` must be a rule id or a list of rule ids")
    return tuple(n.strip() if "/" in n else f"{pack}/{n.strip()}" for n in names)


def _enabled(path: Path, line: int, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, line, "`enabled` must be true or false")
    return value


def _unconfirmed(path: Path, line: int, data: dict[str, Any]) -> str:
    value = data.get("unconfirmed", "info")
    if value not in ("info", "skip"):
        raise _fail(path, line, f"`unconfirmed` must be info or skip, not {value!r}")
    if "unconfirmed" in data and not ("judge" in data and any(k in data for k in ("rule", "calls", "names"))):
        raise _fail(path, line, "`unconfirmed` is for pattern+judge rules (a pattern and a `judge`)")
    return str(value)


def _refs(path: Path, lines: dict[str, int], data: dict[str, Any]) -> Any:
    from reviewer.rules import resolve

    try:
        return resolve.parse_refs(data)
    except resolve.RefsError as exc:
        key = str(exc).split(":", 1)[0].split("[", 1)[0]
        raise _fail(path, lines.get(key, lines.get("calls", lines.get("names", 1))), str(exc)) from None


def _context(path: Path, line: int, value: Any) -> tuple[tuple[str, str], ...]:
    from reviewer.rules.context import CONTEXTS, TREATMENTS

    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise _fail(path, line, f"`context` must be a mapping such as {{tests: skip}} ({', '.join(CONTEXTS)})")
    out = []
    for key, what in value.items():
        if key not in CONTEXTS:
            raise _fail(path, line, f"context: unknown context {key!r} (known: {', '.join(CONTEXTS)})")
        if what not in TREATMENTS:
            raise _fail(path, line, f"context.{key}: {what!r} is not one of {', '.join(TREATMENTS)}")
        out.append((str(key), str(what)))
    return tuple(out)


def _sub_rule(path: Path, lines: dict[str, int], data: dict[str, Any], language: str,
              key: str, compile_check: bool = True) -> Optional[dict[str, Any]]:
    """`fix_when:` or `gate:`: an ast-grep rule object, compiled once here to catch mistakes early."""
    from reviewer.rules import match as rules_match

    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, dict):
        raise _fail(path, lines.get(key, 1), f"`{key}` must be a mapping (an ast-grep rule)")
    problem = rules_match.check({"rule": value}, language) if compile_check else None
    if problem:
        raise _fail(path, lines.get(key, 1), f"bad ast-grep rule in {key}: {problem}")
    return dict(value)


def _matcher(path: Path, lines: dict[str, int], data: dict[str, Any], language: str,
             refs: Any = None, compile_check: bool = True) -> dict[str, Any]:
    """The ast-grep config object for `find_all`, compiled once here to catch mistakes early.

    With `calls:`/`names:` the candidates come from `resolve.compile_refs`; a `rule:` next to
    them must hold on the same node (both are combined with `all`).
    """
    from reviewer.rules import match as rules_match, resolve

    if refs is not None:
        found = resolve.compile_refs(refs)
        if "rule" in data and not isinstance(data["rule"], dict):
            raise _fail(path, lines.get("rule", 1), "`rule` must be a mapping")
        # Always `all: [candidates, rule?]`: resolve.matcher_for swaps the first for a file's aliases.
        config: dict[str, Any] = {"rule": {"all": [found, data["rule"]] if "rule" in data else [found]}}
    else:
        config = {"rule": data["rule"]}
    for key in ("constraints", "utils", "transform"):
        if key in data:
            config[key] = data[key]
    for key in ("rule", "constraints", "utils", "transform"):
        if key in data and not isinstance(data[key], dict):
            raise _fail(path, lines.get(key, 1), f"`{key}` must be a mapping")
    problem = rules_match.check(config, language) if compile_check else None
    if problem:
        raise _fail(path, lines.get("rule", 1), f"bad ast-grep rule: {problem}")
    return config


# --- folders and packs ----------------------------------------------------------------------

def rule_files(folder: Path) -> list[Path]:
    """Rule files under `folder`, skipping each pack's tests/ folder."""
    if folder.is_file():
        return [folder]
    out = [p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
           and "tests" not in p.relative_to(folder).parts]
    return sorted(out)


def load_folder(folder: Path, default_pack: Optional[str] = None, compile_check: bool = True) -> list[Rule]:
    """Every rule under `folder`; a file's pack is its folder's name (or `default_pack` at the top)."""
    rules = []
    for path in rule_files(folder):
        parent = path.parent
        if parent == folder and default_pack is not None:
            pack = default_pack
        else:
            pack = parent.name
        rules.append(parse_file(path, pack, compile_check))
    return rules


def check_unique(rules: Iterable[Rule]) -> list[Rule]:
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise UsageError(f"{r.source}:{r.line}: duplicate rule id {r.id!r} (also in {seen[r.id].source})")
        seen[r.id] = r
    for r in seen.values():  # a misspelt `defers_to` would silently make two comments again
        for other in r.defers_to:
            if other not in seen:
                raise UsageError(f"{r.source}:{r.line}: defers_to names no known rule {other!r}")
    return list(seen.values())


def sources(root: Optional[Path], cfg: RulesConfig) -> list[tuple[Path, str]]:
    """(folder, pack name for files directly inside it) for every rule source that exists."""
    out: list[tuple[Path, str]] = [(builtin_dir(), "builtin")]
    if root is not None:
        repo = root / REPO_RULES
        if repo.is_dir():
            out.append((repo, "local"))
        for extra in cfg.paths:
            p = (root / extra).resolve()
            if not p.exists():
                raise UsageError(f"rules.paths: {extra} does not exist (relative to {root})")
            out.append((p, p.name))
    return out


def load_all(root: Optional[Path], cfg: RulesConfig, compile_shipped: bool = False) -> list[Rule]:
    """Every rule from every source, validated, ids unique; no enable/disable applied. The shipped packs'
    ast-grep rules are compiled only with `compile_shipped` (`reviewer rules test`; the test suite)."""
    rules: list[Rule] = []
    shipped = builtin_dir()
    for folder, pack in sources(root, cfg):  # the shipped packs' ast-grep rules are compiled by the test suite
        rules.extend(load_folder(folder, default_pack=pack, compile_check=compile_shipped or folder != shipped))
    return check_unique(rules)


def is_enabled(rule: Rule, cfg: RulesConfig) -> bool:
    """Decision: disable (id or pack) beats enable; built-in packs must be listed in `packs`."""
    if rule.id in cfg.disable or rule.pack in cfg.disable:
        return False
    if rule.id in cfg.enable:
        return True
    if not rule.default_enabled:
        return False
    builtin = Path(rule.source).resolve().is_relative_to(builtin_dir())
    return rule.pack in cfg.packs if builtin else True


def apply_config(rules: Iterable[Rule], cfg: RulesConfig) -> list[Rule]:
    """Enabled rules, with severity overrides applied."""
    out = []
    for r in rules:
        if not is_enabled(r, cfg):
            continue
        override = cfg.severity.get(r.id) or cfg.severity.get(r.pack)
        if override:
            try:
                r = replace(r, severity=Severity.parse(override))
            except ValueError as exc:
                raise UsageError(f"rules.severity[{r.id!r}]: {exc}") from None
        out.append(r)
    return out


def load(root: Optional[Path], cfg: RulesConfig) -> tuple[list[Rule], list[Rule]]:
    """(every rule, the enabled ones with overrides applied); warns on config names that match nothing."""
    rules = load_all(root, cfg)
    known = {r.id for r in rules} | {r.pack for r in rules}
    for name in (*cfg.packs, *cfg.enable, *cfg.disable, *cfg.severity):
        if name not in known and name.split("/")[0] != "guidelines":  # reviewer/guidelines.py names those
            import warnings

            warnings.warn(f"rules: {name!r} names no known rule or pack", stacklevel=2)
    return rules, apply_config(rules, cfg)


def rule_tests(root: Optional[Path], cfg: RulesConfig) -> Callable[[str], bool]:
    """A test: whether repository-relative `path` is a rule pack's test case (under a rule folder's tests/).

    Those files hold deliberate violations (`# expect:` cases) for `reviewer rules test`;
    reviewing them would report every planted case as a finding. The rule folders are
    found once; call the test per file.
    """
    if root is None:
        return lambda _path: False
    folders = [folder.resolve() for folder, _pack in sources(root, cfg)]

    def test(path: str) -> bool:
        full = (root / path).resolve()
        return any(full.is_relative_to(folder) and "tests" in full.relative_to(folder).parts[:-1]
                   for folder in folders)

    return test


@functools.lru_cache(maxsize=4096)
def _globs_hit(globs: tuple[str, ...], path: str) -> bool:
    from reviewer.rules.context import glob_patterns

    whole, names = glob_patterns(globs, names_too=True)
    return bool(whole.match(path) or names.match(path.rsplit("/", 1)[-1]))


def held_for_model(rules: Iterable[Rule], cfg: RulesConfig) -> set[str]:
    """Ids of the rules whose candidates are not reported unless a model confirms them (`unconfirmed: skip`);
    none with `--audit` (`rules.audit`), which reports every candidate, unconfirmed."""
    return set() if cfg.audit else {r.id for r in rules if r.unconfirmed == "skip"}


def held_note(count: int) -> str:
    """The note for `count` candidates of rules in `held_for_model` that no model confirmed."""
    return (f"{count} pattern+judge candidate(s) not reported: their rules need the model to confirm them "
            f"(unconfirmed: skip)")


def applies_to(rule: Rule, path: str) -> bool:
    """Whether `rule` looks at repository-relative `path` (globs match the path or its file name).

    Most rules share their globs, so each (globs, path) answer is kept."""
    return _globs_hit(rule.files, path) and not (rule.exclude and _globs_hit(rule.exclude, path))
