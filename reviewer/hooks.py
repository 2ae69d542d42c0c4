"""pre-commit entry points: one `*_main(argv) -> int` per hook in .pre-commit-hooks.yaml.

Each hook works out its own diff (the staged changes, or the pushed range for
pre-push hooks) through `pipeline.run`, and uses the filenames pre-commit
passes only to limit scope: pre-commit may call a hook several times with
chunks of filenames, and each chunk must report only its own files.

Start-up is kept light: only the standard library, the config and the
pipeline are imported here; a model stack is imported by the engine only
when a backend is actually chosen.

Run one by hand with `python -m reviewer.hooks check|docstrings|coverage|tests [ARGS]`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Sequence

from reviewer.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ReviewerError, UsageError

if TYPE_CHECKING:
    from reviewer.config import Config
    from reviewer.git import DiffMode
    from reviewer.pipeline import Result

RULES_ONLY = (
    "no model server (model.server or REVIEWER_SERVER) and transformers is not installed: "
    "rules only (add additional_dependencies: ['reviewer[local]'] or start `reviewer serve` for model findings)"
)


# --- shared plumbing ------------------------------------------------------------------------

@dataclass(frozen=True)
class HookRun:
    root: Path
    config: "Config"
    paths: Optional[tuple[str, ...]]  # None: every changed file


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description=description)
    p.add_argument("filenames", nargs="*", help="Files pre-commit passes; limits the run to them.")
    p.add_argument("--config", type=Path, default=None, help="Configuration file (default: discovered).")
    return p


def _git(root: Optional[Path], *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {detail[-1] if detail else proc.returncode}")
    return proc.stdout.decode("utf-8", "surrogateescape")


def _setup(args: argparse.Namespace, **flags: object) -> HookRun:
    from reviewer import config as configmod

    root = Path(_git(None, "rev-parse", "--show-toplevel").strip())
    cfg = configmod.override(configmod.load(args.config, root), **flags)
    paths = _relative(root, args.filenames) if args.filenames else None
    return HookRun(root, cfg, paths)


def _relative(root: Path, filenames: Sequence[str]) -> tuple[str, ...]:
    # pre-commit runs hooks from the repository root, but a user may not.
    real_root = root.resolve()
    out = []
    for name in filenames:
        p = Path(os.path.abspath(name))
        try:
            out.append(p.relative_to(root).as_posix())
        except ValueError:
            try:
                out.append(p.resolve().relative_to(real_root).as_posix())
            except ValueError:
                raise UsageError(f"{name} is outside the repository {root}") from None
    return tuple(out)


def _status(message: str) -> None:
    print(f"reviewer: {message}", file=sys.stderr, flush=True)


def _run_key() -> str:
    """Identifies one pre-commit run: the parent process, with its start time against pid reuse."""
    ppid = os.getppid()
    try:
        start = Path(f"/proc/{ppid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        start = ""
    return f"{ppid}-{start}"


def say_once(message: str) -> None:
    """Print a note once per pre-commit run, although each filename chunk is a new process."""
    folder = Path(tempfile.gettempdir()) / f"reviewer-hooks-{os.getuid() if hasattr(os, 'getuid') else 0}"
    digest = hashlib.sha1(message.encode("utf-8")).hexdigest()[:16]
    marker = folder / f"{_run_key()}-{digest}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError:
        pass  # no writable temp folder: say it every time rather than never
    else:
        os.close(fd)
        _prune(folder)
    _status(f"note: {message}")


def _prune(folder: Path, max_age: float = 86400.0) -> None:
    """Markers of runs that ended long ago are only clutter."""
    import time

    cutoff = time.time() - max_age
    try:
        for entry in os.scandir(folder):
            if entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
    except OSError:
        pass


def transformers_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("transformers") is not None


def choose_backend(config: "Config", env: Mapping[str, str] = os.environ,
                   local: Optional[Callable[[], bool]] = None) -> tuple["Config", Optional[str]]:
    """The hooks' backend order: a server (REVIEWER_SERVER, model.server), else in-process transformers,
    else rules only.

    Returns the config to run with and, for rules only, the note to show.
    A config that already says `backend = "none"` asked for rules only: no note.
    """
    from reviewer.config import override

    if config.model.backend == "none":
        return config, None
    # The environment wins over the file, as in reviewer.engine.get_backend.
    server = env.get("REVIEWER_SERVER") or config.model.server or None
    if server:
        return override(config, model__server=server, model__backend="openai"), None
    if (local or transformers_installed)():
        backend = config.model.backend if config.model.backend != "openai" else "transformers"
        return override(config, model__backend=backend), None
    return override(config, model__backend="none"), RULES_ONLY


MODEL_OFF = "the model is turned off (model.backend = none)"
NO_MODEL_FOUND = ("no model found (no server in model.server or REVIEWER_SERVER, and transformers is not "
                  "installed): start `reviewer serve` and export REVIEWER_SERVER, or add "
                  "additional_dependencies: ['reviewer[local]']")


def _notes(result: "Result", hook_turned_model_off: bool = False) -> None:
    for s in result.skipped:
        say_once(f"skipped {s.path}: {s.reason}")
    for note in result.notes:
        if hook_turned_model_off:
            # The hook chose rules only because nothing was found; the user never set backend = none.
            note = note.replace(MODEL_OFF, NO_MODEL_FOUND)
        say_once(note)


def format_findings(result: "Result") -> list[str]:
    """`path:line: rule message`, the line format editors and pre-commit users expect."""
    lines = []
    for f in result.findings:
        conf = f" (confidence {f.confidence:.2f})" if f.source.value != "rule" else ""
        lines.append(f"{f.path}:{f.line}: {f.rule} {f.message}{conf}")
    return lines


class _Terminated(BaseException):
    """SIGTERM as an exception, so an interrupted hook still runs its clean-up."""


def _on_sigterm(signum: int, frame: Optional[FrameType]) -> None:
    raise _Terminated()


def _guard(body: Callable[[Optional[Sequence[str]]], int], argv: Optional[Sequence[str]]) -> int:
    """Every failure becomes one line and a documented exit code, never a traceback."""
    try:
        return body(argv)
    except ReviewerError as exc:
        print(f"reviewer: error: {exc.message}", file=sys.stderr)
        return exc.code
    except (KeyboardInterrupt, _Terminated):
        print("reviewer: interrupted (files left as they were)", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a hook
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        print(f"reviewer: internal error: {type(exc).__name__}: {exc} (set REVIEWER_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_INTERNAL


# --- reviewer-check -------------------------------------------------------------------------

def _check(argv: Optional[Sequence[str]]) -> int:
    p = _parser("reviewer-hook-check", "Rules (and model, when one is available) on the staged diff.")
    p.add_argument("--fail-level", choices=["none", "info", "warning", "error"], default=None)
    p.add_argument("--filter-mode", choices=["added", "diff_context", "file", "nofilter"], default=None)
    p.add_argument("--no-model", action="store_true", help="Rules only.")
    p.add_argument("--server", default=None, help="OpenAI-compatible server URL (e.g. `reviewer serve`).")
    p.add_argument("--no-cache", action="store_true", help="Do not read or write the result cache.")
    args = p.parse_args(argv)
    run = _setup(args, fail_level=args.fail_level, filter_mode=args.filter_mode, model__server=args.server,
                 model__backend="none" if args.no_model else None, cache=False if args.no_cache else None)
    cfg, note = choose_backend(run.config)
    if note:
        say_once(note)
    # Rules-only results depend on nothing but the staged content, the config and the rules: cacheable.
    cache_key = None
    if cfg.cache and cfg.model.backend == "none":
        from reviewer import hookcache

        cache_key = hookcache.key(run.root, cfg, run.paths)
        hit = hookcache.get(run.root, cache_key) if cache_key else None
        if hit is not None:
            return _replay(hit)
    from reviewer import pipeline, router
    from reviewer.git import DiffMode

    result = pipeline.run(cfg, run.root, DiffMode(staged=True), ("review",), status=_status, paths=run.paths)
    answer = {
        "lines": format_findings(result),
        "notes": [f"skipped {s.path}: {s.reason}" for s in result.skipped] + list(result.notes),
        "code": EXIT_FINDINGS if router.fails(result.routed, cfg.fail_level) else EXIT_OK,
    }
    if cache_key:
        hookcache.put(run.root, cache_key, answer)
    return _replay(answer)


def _replay(answer: Mapping[str, Any]) -> int:
    for line in answer["lines"]:
        print(line)
    for note in answer["notes"]:
        say_once(note)
    return int(answer["code"])


def check_main(argv: Optional[Sequence[str]] = None) -> int:
    """`reviewer-check`: fail when a staged change has findings at or above fail-level."""
    return _guard(_check, argv)


# --- reviewer-docstrings --------------------------------------------------------------------

def _staged_python(root: Path, paths: Optional[tuple[str, ...]]) -> list[str]:
    out = _git(root, "-c", "core.quotepath=off", "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z")
    staged = [p for p in out.split("\0") if p.endswith((".py", ".pyi"))]
    return [p for p in staged if paths is None or p in paths]


def _unstaged(root: Path, paths: list[str]) -> set[str]:
    """Files whose working copy differs from the index: rewriting them would mix in unstaged work."""
    if not paths:
        return set()
    out = _git(root, "-c", "core.quotepath=off", "diff", "--name-only", "-z", "--", *paths)
    return {p for p in out.split("\0") if p}


def _restore(root: Path, originals: Mapping[str, bytes]) -> None:
    from reviewer.fsutil import UnsafePath, read_inside, write_inside

    for rel, data in originals.items():
        try:
            if read_inside(root, rel) == data:
                continue
        except UnsafePath:
            continue  # never written through or over a link, so nothing to restore
        except OSError:
            pass
        write_inside(root, rel, data)


def _broken(root: Path, rel: str) -> Optional[str]:
    from reviewer import pysafe

    try:
        pysafe.parse((root / rel).read_bytes(), filename=rel)
    except SyntaxError as exc:
        return f"line {exc.lineno}: {exc.msg}"
    except pysafe.Refused as exc:
        return str(exc)
    return None


HOOK_NO_MODEL = (
    "docstrings not written: the hook has no model. To have them written, start `reviewer serve` and set "
    "REVIEWER_SERVER, or add additional_dependencies: ['reviewer[local]'] to the hook; for name-only text, "
    "add args: [--generator=template] (or generator = \"template\" under [tool.reviewer.docstrings])"
)
HOOK_MODEL_OFF = (
    "docstrings not written: your configuration turns the model off (backend = \"none\" under "
    "[tool.reviewer.model]); remove it to have a model write them, or add args: [--generator=template] "
    "for name-only text"
)


def _list_undocumented(result: "Result", message: str) -> None:
    """`path:line: name (kind) has no docstring` for each staged target, then how to get them written."""
    section = result.sections.get("docstrings")
    missing = section.missing if section is not None else []
    for rel, cand in missing:
        d = cand.definition
        print(f"{rel}:{d.line}: {d.qualname} ({d.kind}) has no docstring")
    if missing:
        say_once(message)


def _docstrings(argv: Optional[Sequence[str]]) -> int:
    p = _parser("reviewer-hook-docstrings", "Insert docstrings into staged Python files; fail when it changed any. "
                                            "Without a model, list what is undocumented and pass.")
    p.add_argument("--generator", choices=("auto", "model", "template"), default=None,
                   help="Who writes the prose (default: the configuration's, auto): auto writes only with a "
                        "model, template writes name-only text.")
    args = p.parse_args(argv)
    run = _setup(args)
    from reviewer import pipeline
    from reviewer.git import DiffMode

    targets = _staged_python(run.root, run.paths)
    if not targets:
        return EXIT_OK
    generator = args.generator or run.config.docstrings.generator
    cfg, note = choose_backend(run.config)
    if generator == "auto" and cfg.model.backend == "none":
        # No model: never invent prose. List what lacks a docstring (the staged version) and pass.
        result = pipeline.run(cfg, run.root, DiffMode(staged=True), ("docstrings",), status=_status,
                              options={"plan_only": True}, paths=tuple(targets))
        _list_undocumented(result, HOOK_NO_MODEL if note else HOOK_MODEL_OFF)
        _notes(result)
        return EXIT_OK
    if generator == "model" and cfg.model.backend == "none":
        raise ReviewerError("docstrings: --generator=model, but " + (
            "the hook has no model: start `reviewer serve` and set REVIEWER_SERVER, or add "
            "additional_dependencies: ['reviewer[local]'] to the hook" if note else
            "your configuration turns the model off (backend = \"none\" under [tool.reviewer.model])"),
            EXIT_INTERNAL)
    dirty = _unstaged(run.root, targets)
    for rel in sorted(dirty):
        print(f"{rel}: has unstaged changes: not rewritten (stage them, or let pre-commit stash them)")
    targets = [t for t in targets if t not in dirty]
    from reviewer.fsutil import read_inside, refused

    for rel in list(targets):
        why = refused(run.root, rel)
        if why is not None:  # a link is never written through or replaced
            print(f"{rel}: {why}: not rewritten")
            targets.remove(rel)
    if not targets:
        return EXIT_FINDINGS if dirty else EXIT_OK
    originals = {rel: read_inside(run.root, rel) or b"" for rel in targets}
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        result = pipeline.run(cfg, run.root, DiffMode(staged=True), ("docstrings",), status=_status,
                              options={"write": True, "generator": generator}, paths=tuple(targets))
        changed = [rel for rel in targets if (read_inside(run.root, rel) or b"") != originals[rel]]
        broken = {rel: why for rel in changed if (why := _broken(run.root, rel))}
        if broken:  # the task verifies before writing; this is the hook's own last check
            _restore(run.root, {rel: originals[rel] for rel in broken})
            raise ReviewerError("docstrings left a file that does not parse, restored: "
                                + ", ".join(f"{r} ({w})" for r, w in broken.items()), EXIT_INTERNAL)
    except BaseException:
        _restore(run.root, originals)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    for line in format_findings(result):
        print(line)
    section = result.sections.get("docstrings")
    why_not = getattr(section, "not_written", None)
    if why_not:
        # A model was expected but could not be loaded (not downloaded, say): list, say why, pass.
        _list_undocumented(result, f"{HOOK_NO_MODEL} ({why_not})")
    for r in getattr(section, "rejected", ()):
        print(f"{r.path}:{r.line}: {r.name}: docstring not written: {r.reason}")
    for rel in changed:
        print(f"{rel}: docstrings added")
    _notes(result, hook_turned_model_off=note is not None)
    return EXIT_FINDINGS if changed or dirty else EXIT_OK


def docstrings_main(argv: Optional[Sequence[str]] = None) -> int:
    """`reviewer-docstrings`: like black, rewrites files and fails when it changed any."""
    return _guard(_docstrings, argv)


# --- reviewer-coverage and reviewer-tests (pre-push) ----------------------------------------

def _push_mode(root: Path, from_ref: Optional[str], to_ref: Optional[str]) -> "DiffMode":
    """The pushed range: FROM...TO, or TO against the default base for a new branch, or HEAD's branch."""
    from reviewer.git import DiffMode, default_base, open_repo

    # pre-commit sets these for pre-push hooks: what the remote has, and what is pushed.
    from_ref = from_ref or os.environ.get("PRE_COMMIT_FROM_REF") or os.environ.get("PRE_COMMIT_SOURCE")
    to_ref = to_ref or os.environ.get("PRE_COMMIT_TO_REF") or os.environ.get("PRE_COMMIT_ORIGIN")
    if from_ref and set(from_ref) == {"0"}:
        from_ref = None  # the remote does not have this branch yet
    if to_ref and from_ref:
        return DiffMode(range=f"{from_ref}...{to_ref}")
    if to_ref:
        return DiffMode(range=f"{default_base(open_repo(root))}...{to_ref}")
    return DiffMode(base="")


def _push_parser(prog: str, description: str) -> argparse.ArgumentParser:
    p = _parser(prog, description)
    p.add_argument("--from-ref", default=None, help="Remote side of the push (default: PRE_COMMIT_FROM_REF).")
    p.add_argument("--to-ref", default=None, help="Local side of the push (default: PRE_COMMIT_TO_REF).")
    p.add_argument("--coverage-file", default=None, help="coverage.xml, coverage.json or .coverage.")
    return p


def coverage_file(root: Path, given: Optional[str], configured: Optional[str], if_present: bool = False
                  ) -> Optional[Path]:
    """The coverage data to read (coverage_data.locate's rules); None to skip when `if_present` and none exists."""
    from reviewer import coverage_data

    if if_present and not (given or configured) and not any((root / n).is_file() for n in coverage_data.DEFAULT_FILES):
        return None
    if given and not Path(given).is_absolute():
        given = str(Path(os.path.abspath(given)))
    return coverage_data.locate(root, given or configured)


def _coverage(argv: Optional[Sequence[str]]) -> int:
    p = _push_parser("reviewer-hook-coverage", "Diff-coverage gate for the pushed commits.")
    p.add_argument("--fail-under", type=float, default=None, help="Fail below this percent of changed lines.")
    p.add_argument("--if-present", action="store_true", help="Pass with a note when there is no coverage file.")
    args = p.parse_args(argv)
    run = _setup(args, coverage__fail_under=args.fail_under)
    from reviewer import pipeline
    from reviewer.report import coverage as coverage_report

    data = coverage_file(run.root, args.coverage_file, run.config.coverage.file, args.if_present)
    if data is None:
        say_once("no coverage file (.coverage, coverage.json, coverage.xml): diff-coverage gate skipped")
        return EXIT_OK
    cfg = run.config
    limit = cfg.coverage.fail_under
    mode = _push_mode(run.root, args.from_ref, args.to_ref)
    result = pipeline.run(cfg, run.root, mode, ("coverage",), status=_status,
                          options={"coverage_file": str(data)}, paths=run.paths)
    _notes(result)
    section = result.sections.get("coverage")
    if section is None:
        if result.changes.files:
            raise UsageError("cannot check diff coverage: " + ("; ".join(result.notes) or "no result"))
        return EXIT_OK  # nothing changed in these files
    sys.stdout.write(coverage_report.render(section, "text", limit))
    percent = getattr(section, "percent", None)
    if limit is not None and percent is not None and percent < limit:
        print(f"diff coverage {percent:.1f}% is under --fail-under {limit:g}%")
        return EXIT_FINDINGS
    return EXIT_OK


def coverage_main(argv: Optional[Sequence[str]] = None) -> int:
    """`reviewer-coverage`: fail the push when diff coverage is under --fail-under."""
    return _guard(_coverage, argv)


def _tests(argv: Optional[Sequence[str]]) -> int:
    p = _push_parser("reviewer-hook-tests", "Propose tests for uncovered changed code (prints; never fails).")
    args = p.parse_args(argv)
    run = _setup(args)
    from reviewer import pipeline
    from reviewer.report import tests as tests_report

    data = coverage_file(run.root, args.coverage_file, run.config.coverage.file)
    cfg, note = choose_backend(run.config)
    if note:
        say_once(note)
    mode = _push_mode(run.root, args.from_ref, args.to_ref)
    result = pipeline.run(cfg, run.root, mode, ("coverage", "tests"), status=_status, options={"coverage_file": str(data)}, paths=run.paths)
    _notes(result)
    section = result.sections.get("tests")
    if section is None:
        return EXIT_OK
    if getattr(section, "unavailable", None):
        say_once(f"no tests proposed: {section.unavailable}")
        return EXIT_OK
    sys.stdout.write(tests_report.render(section, "text"))
    return EXIT_OK


def tests_main(argv: Optional[Sequence[str]] = None) -> int:
    """`reviewer-tests`: print proposed tests for uncovered changed branches (never fails the push)."""
    return _guard(_tests, argv)


# --- python -m reviewer.hooks NAME ----------------------------------------------------------

HOOKS: dict[str, Callable[[Optional[Sequence[str]]], int]] = {
    "check": check_main,
    "docstrings": docstrings_main,
    "coverage": coverage_main,
    "tests": tests_main,
}


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Dispatch `NAME [ARGS]` to a hook; used by the plain git hooks in hooks/."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in HOOKS:
        print(f"usage: python -m reviewer.hooks {{{','.join(HOOKS)}}} [ARGS...]", file=sys.stderr)
        return EXIT_USAGE
    return HOOKS[args[0]](args[1:])


if __name__ == "__main__":
    raise SystemExit(main())
