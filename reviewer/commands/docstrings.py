"""`reviewer docstrings`: list, --diff or --write docstrings for changed definitions.

Exit codes: 0 done; 1 when a file failed a guarantee under --write/--diff (it
was left untouched), or with --check when a changed definition lacks a
docstring (listing, --diff) or a file was rewritten (--write; like black in a
pre-commit hook); 2 usage or configuration error; 3 backend failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import click

from reviewer.cli import diff_mode, diff_options, load_config, status_printer, write_report
from reviewer.errors import EXIT_FINDINGS, UsageError

STYLES = ("auto", "google", "numpy", "sphinx", "pep257")

HOW_TO_WRITE = ("to have them written, pass --model ID|PATH, or start `reviewer serve` and pass --server URL "
                "(or set REVIEWER_SERVER); --generator template writes name-only text")


@click.command(name="docstrings")
@diff_options
@click.option("--write", "write_", is_flag=True, help="Insert the docstrings into the files.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; change nothing.")
@click.option("--style", type=click.Choice(STYLES), default=None, help="Docstring style; auto: the module's own, detected from its documented definitions "
                   "(google when it has none). [default: auto]")
@click.option("--generator", type=click.Choice(("auto", "model", "template")), default=None,
              help="Who writes the prose: the model, the template generator (names only, no model), "
                   "or auto (the model when available; without one nothing is written). [default: auto]")
@click.option("--model", "model", metavar="ID|PATH", default=None, help="Hugging Face model id or local folder.")
@click.option("--device", default=None, help="auto, cpu, cuda, cuda:1, mps.")
@click.option("--server", default=None, metavar="URL", help="Use an OpenAI-compatible server (e.g. `reviewer serve`).")
@click.option("--check", is_flag=True, help="Exit 1 when a changed definition lacks a docstring "
                                             "(with --write: when a file was rewritten).")
@click.option("--all", "all_lines", is_flag=True, help="Every definition in the changed files, not only changed ones.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Also list definitions skipped by configuration.")
def command(staged: bool, worktree: bool, base: Optional[str], range_: Optional[str], diff_file: Optional[str],
            repo: Optional[Path], config_path: Optional[Path], write_: bool, show_diff: bool, style: Optional[str],
            generator: Optional[str], model: Optional[str], device: Optional[str], server: Optional[str], check: bool, all_lines: bool, fmt: str, verbose: bool) -> None:
    """Document changed functions, methods and classes that have no docstring.

    Without --write or --diff, lists them with an interrogate-style coverage
    figure for the changed definitions. Parameters, returns, yields and raises
    come from the code; the model writes only the prose, and a docstring that
    fails a check (invented or missing parameters, a name echoed back) is not
    written. Without a model nothing is written. Every rewritten file must
    parse, keep its AST apart from the new docstrings, and be a fixed point of
    a second run, or it is left untouched.

    \b
    Examples:
      reviewer docstrings                  # what this branch left undocumented
      reviewer docstrings --diff --style numpy
      reviewer docstrings --staged --write --check   # as a pre-commit hook
    """
    from reviewer import pipeline

    if write_ and show_diff:
        raise UsageError("choose --write or --diff, not both")
    mode = diff_mode(staged, worktree, base, range_, diff_file)
    if write_ and diff_file is not None:
        raise UsageError("--write needs a git diff mode: --diff-file has no reviewed version to check the files against")
    cfg, start = load_config(repo, config_path, docstrings__style=style, model__model=model, model__device=device,
                             model__server=server)
    options = {"write": write_, "generator": generator, "all": all_lines, "plan_only": not (write_ or show_diff),
               # The files on disk are what --write changes and what a second run must see; a listing
               # reads the reviewed side, as `reviewer review` does.
               "use_disk": write_ or show_diff}
    result = pipeline.run(cfg, start, mode, ("docstrings",), status=status_printer(), options=options)
    section = result.sections.get("docstrings")
    if fmt == "json":
        write_report(result, "json")
    else:
        click.echo(render_text(result, section, write_, show_diff, verbose), nl=False)
    if section is not None and _fails(section, write_, show_diff, check):
        raise SystemExit(EXIT_FINDINGS)


def _fails(section: Any, write_: bool, show_diff: bool, check: bool) -> bool:
    if section.failures and (write_ or show_diff):
        return True
    if not check:
        return False
    return bool(section.written) if write_ else bool(section.missing)


def render_text(result: Any, section: Any, write_: bool, show_diff: bool, verbose: bool) -> str:
    # Notes (who wrote the prose) go to stderr so that --diff output stays a clean patch.
    for note in result.notes:
        click.echo(f"reviewer: note: {note}", err=True)
    lines = [f"reviewer: skipped {s.path}: {s.reason}" for s in result.skipped]
    if section is None or not section.candidates:
        lines.append("docstrings: no changed Python definitions")
        # A file that could not be read safely has no candidates either: say so, with the reason.
        lines += [f"docstrings: failed {f.path}: {f.reason}" for f in (section.failures if section else [])]
        return "\n".join(lines) + "\n"
    rejected = [f"{r.path}:{r.line}: {r.name}: docstring not written: {r.reason}" for r in section.rejected]
    nothing = f"docstrings: nothing written: {section.not_written}; {HOW_TO_WRITE}" if section.not_written else None
    if show_diff:
        # stdout stays a clean patch: everything else goes to stderr.
        for line in [*rejected, *([nothing] if nothing else [])]:
            click.echo(line, err=True)
        diffs = "".join(section.diffs[p] for p in sorted(section.diffs))
        head = "\n".join(lines) + "\n" if lines else ""
        tail = "".join(f"docstrings: failed {f.path}: {f.reason}\n" for f in section.failures)
        return head + diffs + tail
    for path, cand in section.missing:
        d = cand.definition
        lines.append(f"{path}:{d.line}: {d.qualname} ({d.kind}) has no docstring")
    if verbose:
        for path, cand in section.candidates:
            if cand.skip is not None:
                d = cand.definition
                lines.append(f"{path}:{d.line}: {d.qualname} skipped: {cand.skip}")
    cov = section.coverage
    total = len(section.counted)
    figure = "no counted definitions" if cov is None else f"{cov:.1f}%"
    lines.append(f"docstring coverage of changed definitions: {figure} "
                 f"({total - len(section.missing)} of {total} documented)")
    lines += rejected
    if write_:
        for path in section.written:
            count = sum(1 for e in section.edits if e.path == path)
            lines.append(f"docstrings: wrote {count} docstring(s) to {path}")
        if section.edits:
            lines.append(f"docstrings: prose written by {section.generator}")
    if nothing:
        lines.append(nothing)
    elif not write_ and section.missing:
        lines.append("docstrings: run with --write to add them, or --diff to preview")
    lines += [f"docstrings: failed {f.path}: {f.reason}" for f in section.failures]
    return "\n".join(lines) + "\n"
