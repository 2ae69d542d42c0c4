"""Write kept test proposals to `tests/test_<module>_proposed.py`; never touch the project's own tests."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.errors import UsageError
from reviewer.fsutil import read_inside, write_inside

if TYPE_CHECKING:
    from reviewer.tasks.testgen import Candidate

HEADER = "# Tests proposed by `reviewer tests`: each one passed every run and executes changed code no test ran.\n"


def output_rel(template: str, module: str) -> str:
    """The repository-relative file for `module`'s proposals; UsageError when it would leave the repository."""
    from reviewer.fsutil import relative_problem

    try:
        rel = template.format(module=module.rsplit(".", 1)[-1] or "module").replace("\\", "/")
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError(f"coverage.output {template!r} is not a valid template ({exc}): use {{module}}") from None
    problem = relative_problem(rel)
    if problem is not None:
        raise UsageError(f"coverage.output {template!r} gives {rel!r}: {problem}")
    return rel


def output_path(root: Path, template: str, module: str) -> Path:
    return root / output_rel(template, module)


def _test_names(tree: ast.Module) -> set[str]:
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _rename_clashes(code: str, taken: set[str]) -> str:
    """Give top-level tests that clash with ones already in the file a numbered name."""
    tree = ast.parse(code)
    for name in sorted(_test_names(tree) & taken):
        n = 2
        while f"{name}_{n}" in taken:
            n += 1
        code = re.sub(rf"^(\s*(?:async\s+)?(?:def|class)\s+){re.escape(name)}\b", rf"\g<1>{name}_{n}", code,
                      flags=re.M)
    return code


def write_kept(candidates: "list[Candidate]", root: Path, template: str) -> list[Path]:
    """Append each kept candidate to its module's proposed-tests file; return the files written.

    A file that exists but was not written by reviewer (no header) is a
    project's own test file: refuse rather than touch it. Every result is
    parsed before it is written, and written atomically.
    """
    by_file: dict[str, list[str]] = {}
    for c in candidates:
        by_file.setdefault(output_rel(template, c.target.module), []).append(c.code)
    written: list[Path] = []
    for rel, codes in sorted(by_file.items()):
        path = root / rel
        existing = read_inside(root, rel)  # UnsafePath (exit 2) for a link or a path outside the repository
        if existing is not None:
            current = existing.decode("utf-8", errors="replace")
            if not current.startswith(HEADER):
                raise UsageError(f"{path} exists and is not a reviewer proposals file: set coverage.output "
                                 "to another name; existing test files are never changed")
        else:
            current = HEADER
        content = current
        for code in codes:
            taken = _test_names(ast.parse(content))
            content = content.rstrip("\n") + "\n\n\n" + _rename_clashes(code, taken).strip("\n") + "\n"
        try:
            ast.parse(content)
        except SyntaxError as exc:  # pragma: no cover - each piece parsed on its own
            raise UsageError(f"combined proposals for {path} do not parse ({exc.msg}); nothing written") from None
        write_inside(root, rel, content.encode("utf-8"), make_dirs=True)
        written.append(path)
    return written
