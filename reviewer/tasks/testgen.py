"""Task "tests": the model proposes pytest tests for uncovered changed code; only proven ones are kept.

Targets are the uncovered changed lines and missing branch arcs of the
coverage task, grouped per enclosing function. For each target the model
writes a test module (JSON `{"code": ...}`); `testrun.Runner` runs it under
coverage `repeat` times. A failed candidate goes back into the next prompt,
up to `attempts` per target (TestGen-LLM's filter, Cover-Agent's feedback).
Nothing is ever proposed that was not run: without a model, the section says
so and proposes nothing.
"""

from __future__ import annotations

import ast
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from reviewer import pysafe, testrun
from reviewer.tasks import TaskContext, TaskOutput
from reviewer.tasks.diffcov import CoverageSection

Arc = tuple[int, int]

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"code": {"type": "string", "maxLength": 6000}},
    "required": ["code"],
    "additionalProperties": False,
}

SYSTEM = (
    "You write pytest tests for Python code. Answer with JSON {\"code\": \"...\"} where code is one complete "
    "test module: its imports, then one or more `def test_...` functions with plain asserts. The test must "
    "pass, be deterministic, need no network, and execute the target lines and branches named below."
)

_MAX_EXAMPLE = 4000  # characters of an existing test file shown for style
MAX_NEW_TOKENS = 768  # a test module's answer; longer answers are cut, reported, and not retried
MAX_SECONDS = 120.0  # wall-clock cap on one generation (a batch of candidates), whatever the model


@dataclass(frozen=True)
class Target:
    """Uncovered changed code in one function (or module level)."""

    path: str
    module: str  # importable dotted path
    function: str  # qualified name, or "<module>"
    start: int
    end: int
    source: str
    lines: frozenset[int]
    arcs: frozenset[Arc]

    @property
    def goal(self) -> testrun.Goal:
        return testrun.Goal(self.path, self.lines, self.arcs)

    def label(self) -> str:
        return f"{self.path}:{self.function}"


@dataclass(frozen=True)
class Candidate:
    target: Target
    attempt: int
    code: str
    verdict: testrun.Verdict

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target.label(),
            "attempt": self.attempt,
            "status": self.verdict.status,
            "detail": self.verdict.detail,
            "runs": self.verdict.runs,
            "covered_lines": sorted(self.verdict.covered_lines),
            "covered_arcs": [list(a) for a in sorted(self.verdict.covered_arcs)],
            "code": self.code,
        }


@dataclass(frozen=True)
class TestsSection:
    """Proposals and the funnel; `unavailable` says why nothing was proposed."""

    __test__ = False  # not a pytest class, despite the name

    targets: tuple[Target, ...]
    candidates: tuple[Candidate, ...] = ()
    unavailable: Optional[str] = None
    notes: tuple[str, ...] = ()
    isolation: Optional[str] = None  # the sandbox mode candidates ran in (reviewer/sandbox.py)

    @property
    def kept(self) -> list[Candidate]:
        return [c for c in self.candidates if c.verdict.status == testrun.KEPT]

    def funnel(self) -> dict[str, int]:
        """TestGen-LLM's funnel: each stage counts the candidates that got past it."""
        cands = self.candidates
        return {
            "targets": len(self.targets),
            "candidates": len(cands),
            "parsed": sum(c.verdict.parsed for c in cands),
            "passed reliably": sum(c.verdict.passed for c in cands),
            "increased coverage": sum(bool(c.verdict.covered_lines or c.verdict.covered_arcs) for c in cands),
            "kept": len(self.kept),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "unavailable": self.unavailable,
            "isolation": self.isolation,
            "funnel": self.funnel(),
            "targets": [{"target": t.label(), "lines": sorted(t.lines), "arcs": [list(a) for a in sorted(t.arcs)]}
                        for t in self.targets],
            "candidates": [c.as_dict() for c in self.candidates],
            "notes": list(self.notes),
        }


# --- targets --------------------------------------------------------------------------------

def module_name(path: str) -> str:
    """Dotted import path of a repository file (src/ layout aware)."""
    parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
    if parts and parts[0] == "src":
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _functions(tree: ast.AST) -> list[tuple[str, int, int]]:
    """(qualified name, first line incl. decorators, last line) of every function."""
    out: list[tuple[str, int, int]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    start = min([child.lineno] + [d.lineno for d in child.decorator_list])
                    out.append((name, start, child.end_lineno or child.lineno))
                walk(child, name + ".")
            else:
                walk(child, prefix)

    walk(tree, "")
    return out


def find_targets(section: CoverageSection, root: Path) -> list[Target]:
    """Group each file's uncovered changed lines and missing arcs by innermost enclosing function."""
    targets: list[Target] = []
    for report in section.files:
        if not report.path.endswith(".py") or (not report.uncovered and not report.missing_arcs):
            continue
        try:
            text = (root / report.path).read_text(encoding="utf-8", errors="replace")
            tree = pysafe.parse(text)
        except (OSError, SyntaxError, ValueError):  # pysafe.Refused is a ValueError
            continue
        src_lines = text.splitlines()
        funcs = _functions(tree)
        groups: dict[tuple[str, int, int], tuple[set[int], set[Arc]]] = {}

        def owner(line: int) -> tuple[str, int, int]:
            inside = [f for f in funcs if f[1] <= line <= f[2]]
            # The innermost function: the one that starts last.
            return max(inside, key=lambda f: f[1]) if inside else ("<module>", 1, len(src_lines))

        for line in report.uncovered:
            groups.setdefault(owner(line), (set(), set()))[0].add(line)
        for arc in report.missing_arcs:
            groups.setdefault(owner(arc[0]), (set(), set()))[1].add(arc)
        for (name, start, end), (lines, arcs) in sorted(groups.items(), key=lambda kv: kv[0][1]):
            source = "\n".join(src_lines[start - 1:end]) if name != "<module>" else ""
            targets.append(Target(report.path, module_name(report.path), name, start, end, source,
                                  frozenset(lines), frozenset(arcs)))
    return targets


# --- prompts --------------------------------------------------------------------------------

def existing_test(tests_dir: Path, target: Target) -> Optional[tuple[str, str]]:
    """(path, text) of a test file for the target's module, for style and fixtures."""
    if not tests_dir.is_dir():
        return None
    short = target.module.rsplit(".", 1)[-1]
    named = [tests_dir / f"test_{short}.py"]
    others = sorted(p for p in tests_dir.rglob("test_*.py") if p not in named)
    for path in named + others:
        if not path.is_file() or path.name.startswith("test_reviewer_candidate_"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path in named or target.module in text:
            return str(path.relative_to(tests_dir.parent)), text[:_MAX_EXAMPLE]
    return None


def fixture_names(root: Path, tests_dir: Path) -> list[str]:
    """Fixtures defined in the project's conftest.py files (root and tests folder)."""
    names: list[str] = []
    for conftest in (root / "conftest.py", tests_dir / "conftest.py"):
        try:
            tree = pysafe.parse(conftest.read_text(encoding="utf-8", errors="replace"))
        except (OSError, SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    "fixture" in ast.unparse(d) for d in node.decorator_list):
                names.append(node.name)
    return names


def build_prompt(target: Target, root: Path, tests_dir: Path, feedback: Optional[str] = None) -> str:
    src_lines = (root / target.path).read_text(encoding="utf-8", errors="replace").splitlines()
    parts = [
        f"Module to import: {target.module}  (file {target.path})",
        f"Function: {target.function}",
    ]
    if target.source:
        numbered = "\n".join(f"{n:4d}  {src_lines[n - 1]}" for n in range(target.start, target.end + 1)
                             if n <= len(src_lines))
        parts.append(f"Source (with line numbers):\n{numbered}")
    if target.lines:
        parts.append("Lines no test executes: " + ", ".join(map(str, sorted(target.lines))))
    for a, b in sorted(target.arcs):
        cond = src_lines[a - 1].strip() if 0 < a <= len(src_lines) else ""
        where = "return from the function" if b < 0 else f"jump to line {b}"
        parts.append(f"Branch to take: make line {a} {where} (the condition on line {a} is `{cond}`)")
    example = existing_test(tests_dir, target)
    if example:
        parts.append(f"An existing test file ({example[0]}), for style and fixtures:\n{example[1]}")
    fixtures = fixture_names(root, tests_dir)
    if fixtures:
        parts.append("conftest fixtures you may use: " + ", ".join(fixtures))
    if feedback:
        parts.append(f"Your previous test did not qualify; fix it. What happened:\n{feedback}")
    return "\n\n".join(parts)


def parse_answer(text: str) -> str:
    """The test code from the model's JSON answer ('' when there is none: counted as a syntax error)."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        return ""
    code = doc.get("code") if isinstance(doc, dict) else None
    return code if isinstance(code, str) else ""


# --- the loop -------------------------------------------------------------------------------

def propose(targets: list[Target], backend: Any, runner: testrun.Runner, attempts: int, root: Path,
            status: Any = lambda _m: None) -> list[Candidate]:
    """Rounds of: one batched model call for every open target, then each candidate run and judged."""
    from reviewer.engine.base import Request

    candidates: list[Candidate] = []
    feedback: dict[int, Optional[str]] = {i: None for i in range(len(targets))}
    open_targets = list(range(len(targets)))
    for attempt in range(1, max(1, attempts) + 1):
        if not open_targets:
            break
        requests = [Request(system=SYSTEM, user=build_prompt(targets[i], root, runner.tests_dir, feedback[i]),
                            schema=SCHEMA, max_new_tokens=MAX_NEW_TOKENS, paths=(targets[i].path,),
                            purpose="tests", max_seconds=MAX_SECONDS)
                    for i in open_targets]
        status(f"tests: attempt {attempt}: asking the model for {len(requests)} candidate(s)")
        completions = backend.complete(requests)
        still_open: list[int] = []
        for n, (i, completion) in enumerate(zip(open_targets, completions), 1):
            target = targets[i]
            code = parse_answer(completion.text)
            if code.strip():
                status(f"tests: running candidate {n}/{len(requests)} for {target.label()} "
                       f"({runner.repeat} run(s))")
                verdict = runner.check(code, target.goal)
            else:
                why = completion.error or "the answer was not JSON with a `code` string"
                verdict = testrun.Verdict(testrun.SYNTAX_ERROR, f"no test code: {why}")
            status(f"tests: {target.label()} attempt {attempt}: {verdict.status}")
            candidates.append(Candidate(target, attempt, code, verdict))
            if verdict.status != testrun.KEPT:
                feedback[i] = f"status: {verdict.status}\n{verdict.detail}\nThe test was:\n{code[:2000]}"
                still_open.append(i)
        open_targets = still_open
    return candidates


def get_backend(ctx: TaskContext) -> tuple[Optional[Any], list[str]]:
    """The run's model backend (shared, cached, ledgered), or None with the reason (never a stand-in)."""
    from reviewer.engine import shared_backend

    backend, notes = shared_backend(ctx)
    if backend is None and not notes:
        notes = ["no model is configured"]
    return backend, list(notes)


def runner_for(ctx: TaskContext) -> testrun.Runner:
    cfg = ctx.config.coverage
    return testrun.Runner(root=Path(ctx.root), tests_dir=Path(ctx.root) / cfg.tests_dir,
                          repeat=int(ctx.options.get("repeat") or cfg.repeat), timeout=cfg.timeout,
                          memory_mb=cfg.memory_mb, python=cfg.python or sys.executable)


def run(ctx: TaskContext) -> TaskOutput:
    """Propose tests for the change's uncovered code; see the module docstring."""
    from reviewer.tasks import diffcov

    cov = ctx.shared.get("coverage_section") or diffcov.build_section(ctx)
    targets = find_targets(cov, Path(ctx.root))
    if not targets:
        return TaskOutput(section=TestsSection(()), notes=["tests: every changed measured line and branch is covered"])
    backend, notes = get_backend(ctx)
    if backend is None:
        why = "; ".join(notes) or "no model is configured"
        message = f"test proposals need a model: {why}"
        return TaskOutput(section=TestsSection(tuple(targets), unavailable=message), notes=[message])
    attempts = int(ctx.options.get("attempts") or ctx.config.coverage.attempts)
    runner = runner_for(ctx)
    isolation = f"candidate tests ran isolated with {runner.isolation.detail}"
    ctx.status(f"tests: {isolation}")
    candidates = propose(targets, backend, runner, attempts, Path(ctx.root), ctx.status)
    return TaskOutput(section=TestsSection(tuple(targets), tuple(candidates), notes=tuple(notes),
                                           isolation=runner.isolation.mode))
