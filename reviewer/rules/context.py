"""Where a file sits decides how rules treat it: test files, CLI entry points, vendored copies.

- **vendored** folders (`rules.vendored`: folder names such as `vendor`, `_vendor`,
  `third_party`, `extern`, or globs) are someone else's code: no rule runs there, as the
  model does not review them either. The file is listed as skipped with the reason.
- **test** files (`rules.test_files` globs: `tests/*`, `test_*.py`, `conftest.py` ...) test the
  behaviour a rule flags: `verify=False` against a local server, a fixed key in a fixture,
  `assert` as the test itself. A rule says what it does there with `context: {tests: ...}`.
- **entry points** (`rules.entry_points` globs such as `__main__.py`, `cli.py`, `scripts/*`; modules
  named by `[project.scripts]` / `[project.gui-scripts]` / `[tool.poetry.scripts]` in the repository's
  pyproject.toml; any file with an `if __name__ == "__main__":` block) talk to a terminal:
  `print` there is output, not a leftover. A rule says so with `context: {entry_points: ...}`.
- **examples** (`rules.example_files` globs: `docs/*`, `docs_src/*`, `examples/*`, `demos/*` ...) teach:
  a tutorial's `SECRET_KEY = "..."` is a placeholder the text tells readers to replace, a demo's
  `except: pass` is best-effort on the way out. A rule says so with `context: {examples: ...}`.

Treatments: `report` (the default), `info` (reported at severity info, never failing a run),
`skip` (the rule does not run on such files).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterable, Optional

from reviewer.config import RulesConfig
from reviewer.records import Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONTEXTS = ("tests", "entry_points", "examples")
TREATMENTS = ("report", "info", "skip")
# The defaults live with the configuration (RulesConfig), so that there is one list of each.
DEFAULT_TEST_FILES = RulesConfig().test_files
DEFAULT_VENDORED = RulesConfig().vendored
DEFAULT_ENTRY_POINTS = RulesConfig().entry_points
DEFAULT_EXAMPLE_FILES = RulesConfig().example_files
VENDORED_SKIP = "vendored code: not checked by rules (rules.vendored)"
_MAIN_GUARD = re.compile(r"^if\s+(__name__\s*==\s*['\"]__main__['\"]|['\"]__main__['\"]\s*==\s*__name__)\s*:",
                         re.MULTILINE)


def _glob_hit(path: str, globs: Iterable[str]) -> bool:
    """A glob matches the path, or (when it has no `/`) the file name, like .gitignore."""
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch(path, g) or ("/" not in g and fnmatch(name, g)) for g in globs)


@dataclass(frozen=True)
class Contexts:
    """The context settings of one run (from `RulesConfig`) and the repository's console-script modules."""

    test_files: tuple[str, ...] = DEFAULT_TEST_FILES
    vendored: tuple[str, ...] = DEFAULT_VENDORED
    entry_points: tuple[str, ...] = DEFAULT_ENTRY_POINTS
    scripts: frozenset[str] = frozenset()  # repository paths of console-script modules
    example_files: tuple[str, ...] = DEFAULT_EXAMPLE_FILES

    def is_vendored(self, path: str) -> bool:
        folders = path.split("/")[:-1]
        for v in self.vendored:
            if "/" in v or any(c in v for c in "*?["):
                if fnmatch(path, v):
                    return True
            elif v in folders:
                return True
        return False

    def kinds(self, path: str, text: Optional[str]) -> frozenset[str]:
        """Which of CONTEXTS `path` belongs to (`text` for the `__main__` guard)."""
        out = set()
        if _glob_hit(path, self.test_files):
            out.add("tests")
        if path in self.scripts or _glob_hit(path, self.entry_points) \
                or (text is not None and "__main__" in text and _MAIN_GUARD.search(text)):
            out.add("entry_points")
        if _glob_hit(path, self.example_files):
            out.add("examples")
        return frozenset(out)


def treatment(rule: Rule, kinds: frozenset[str]) -> str:
    """`skip` beats `info` beats `report` when a file is in several contexts."""
    chosen = "report"
    for ctx, what in rule.context:
        if ctx in kinds and TREATMENTS.index(what) > TREATMENTS.index(chosen):
            chosen = what
    return chosen


def from_config(cfg: RulesConfig, root: Optional[Path]) -> Contexts:
    """Contexts for a run: the config's globs and the repository's console-script modules."""
    return Contexts(tuple(cfg.test_files), tuple(cfg.vendored), tuple(cfg.entry_points),
                    console_scripts(root) if root is not None else frozenset(), tuple(cfg.example_files))


def console_scripts(root: Path) -> frozenset[str]:
    """Repository paths of the modules behind the project's console and GUI scripts."""
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return frozenset()
    project = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    targets: list[str] = []
    for table in (project.get("scripts"), project.get("gui-scripts"),
                  poetry.get("scripts") if isinstance(poetry, dict) else None):
        if isinstance(table, dict):
            targets += [v for v in table.values() if isinstance(v, str)]
    out = set()
    for target in targets:
        module = target.split(":", 1)[0].strip()
        if not module or not all(p.isidentifier() for p in module.split(".")):
            continue
        rel = module.replace(".", "/")
        for prefix in ("", "src/"):
            out.add(f"{prefix}{rel}.py")
            out.add(f"{prefix}{rel}/__init__.py")
            out.add(f"{prefix}{rel}/__main__.py")
    return frozenset(out)
