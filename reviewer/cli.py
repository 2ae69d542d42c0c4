"""The `reviewer` command line. Thin: flags -> Config + DiffMode -> pipeline -> reporter -> exit code.

Subcommands live in their own modules and are imported only when invoked, so
`reviewer --help` stays fast and never imports a model stack.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Optional

import click

from reviewer import __version__
from reviewer.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ReviewerError, UsageError

EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, as shells report it

# name -> "module:attribute" of a click.Command; imported on first use.
COMMANDS: dict[str, str] = {
    "review": "reviewer.cli:review",
    "docstrings": "reviewer.commands.docstrings:command",
    "coverage": "reviewer.commands.coverage:command",
    "tests": "reviewer.commands.tests:command",
    "rules": "reviewer.commands.rules:command",
    "serve": "reviewer.commands.serve:command",
    "cost": "reviewer.commands.cost:command",
    "github": "reviewer.commands.github:command",
    "install-hooks": "reviewer.commands.hooks:install",
    "uninstall-hooks": "reviewer.commands.hooks:uninstall",
    "eval": "reviewer.commands.eval:command",
}

HELP = {
    "review": "Review a diff with rules and the local model; print findings.",
    "docstrings": "List, or --write, docstrings for changed functions.",
    "coverage": "Diff coverage: changed lines and branches no test executes.",
    "tests": "Propose tests for uncovered changed code; keep only ones that pass.",
    "rules": "List and test rules.",
    "serve": "Keep a model loaded and serve it on 127.0.0.1 (OpenAI-compatible).",
    "cost": "Tokens served locally versus in the cloud, and what that saved.",
    "github": "Run as a GitHub Action step: review a pull request and post the results.",
    "install-hooks": "Install plain git pre-commit/pre-push hooks.",
    "uninstall-hooks": "Remove the git hooks that install-hooks wrote.",
    "eval": "Measure the model: per-rule precision and recall on labelled cases.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        target = COMMANDS.get(name)
        if target is None:
            return None
        from reviewer.lazy import load

        cmd = load(target)
        if cmd is None:
            return _not_built(name)
        assert isinstance(cmd, click.Command)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help without importing every subcommand module.
        with formatter.section("Commands"):
            formatter.write_dl([(name, HELP.get(name, "")) for name in self.list_commands(ctx)])


def _not_built(name: str) -> click.Command:
    @click.command(name=name, help=HELP.get(name, "") + " (not built yet)",
                   context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
    def cmd() -> None:
        raise UsageError(f"`reviewer {name}` is not built yet in this version")

    return cmd


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """AI code review on your own hardware.

    A local transformers model and structural rules review a git diff. By
    default `reviewer review` reviews the current branch against its base.
    Exit codes: 0 clean, 1 findings at or above --fail-level, 2 usage or
    configuration error, 3 internal or backend failure.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# --- shared options -------------------------------------------------------------------------

def diff_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options that choose what to review; shared by every diff-consuming command."""
    opts = [
        click.option("--staged", is_flag=True, help="Review staged changes (index against HEAD)."),
        click.option("--worktree", is_flag=True, help="Review all uncommitted changes (working tree against HEAD)."),
        click.option("--base", "base", metavar="REF", help="Review merge-base(REF, HEAD)..HEAD. Default mode: "
                     "the branch's upstream, else origin/HEAD, else main/master."),
        click.option("--range", "range_", metavar="A..B", help="Review a commit range (A...B diffs from the merge-base)."),
        click.option("--diff-file", metavar="PATH", help="Review a unified diff from a file, or - for standard input."),
        click.option("-C", "--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Run as if started in this folder."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Configuration file (default: .reviewer.toml or [tool.reviewer] in pyproject.toml)."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def diff_mode(staged: bool, worktree: bool, base: Optional[str], range_: Optional[str], diff_file: Optional[str]) -> Any:
    from reviewer.git import DiffMode

    chosen = [n for n, v in (("--staged", staged), ("--worktree", worktree), ("--base", base is not None),
                             ("--range", range_ is not None), ("--diff-file", diff_file is not None)) if v]
    if len(chosen) > 1:
        raise UsageError(f"choose one of {' / '.join(chosen)}, not several")
    return DiffMode(staged=staged, worktree=worktree, base=base or "", range=range_, diff_file=diff_file)


def load_config(repo: Optional[Path], config_path: Optional[Path], **flags: Any) -> tuple[Any, Path]:
    """Defaults < file < flags. Returns (config, start folder)."""
    from reviewer import config as configmod

    start = (repo or Path.cwd()).resolve()
    if not start.is_dir():
        raise UsageError(f"{start} is not a folder")
    root = _git_root(start) or start
    cfg = configmod.load(config_path, root)
    return configmod.override(cfg, **flags), start


def _git_root(start: Path) -> Optional[Path]:
    for p in (start, *start.parents):
        if (p / ".git").exists():
            return p
    return None


def status_printer() -> Callable[[str], None]:
    def status(message: str) -> None:
        click.echo(message, err=True)

    return status


def write_report(result: Any, fmt: str, output: Optional[str] = None) -> None:
    from reviewer import report

    render = report.get(fmt)
    color = fmt == "text" and output is None and sys.stdout.isatty()
    text = render(result, color)
    if output:
        save_output(output, text)
    else:
        click.echo(text, nl=False, color=color)


def save_output(output: str, text: str) -> None:
    """Write a report to `--output`; a path that cannot be written is a usage error, not a crash."""
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write --output {output}: {exc.strerror or exc}") from None


# --- review ---------------------------------------------------------------------------------

@click.command()
@diff_options
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text, json, sarif, rdjson, rdjsonl, annotations or markdown.")
@click.option("-o", "--output", metavar="PATH", help="Write the report to a file instead of standard output.")
@click.option("--fail-level", type=click.Choice(["none", "info", "warning", "error"]), default=None,
              help="Exit 1 when a reported finding is at or above this severity. [default: error]")
@click.option("--filter-mode", type=click.Choice(["added", "diff_context", "file", "nofilter"]), default=None,
              help="Which lines may carry findings. [default: added]")
@click.option("--model", "model", metavar="ID|PATH", default=None, help="Hugging Face model id or local folder.")
@click.option("--device", default=None, help="auto, cpu, cuda, cuda:1, mps.")
@click.option("--server", default=None, metavar="URL", help="Use an OpenAI-compatible server (e.g. `reviewer serve`).")
@click.option("--no-model", is_flag=True, help="Rules only: do not run the model.")
@click.option("--min-confidence", type=float, default=None, help="Drop model findings below this confidence.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--audit", is_flag=True,
              help="Without a model, also report the candidates of rules that wait for the model to confirm them "
                   "(unconfirmed: skip), at info: an exhaustive audit rather than review comments.")
def review(staged: bool, worktree: bool, base: Optional[str], range_: Optional[str], diff_file: Optional[str],
           repo: Optional[Path], config_path: Optional[Path], fmt: str, output: Optional[str],
           fail_level: Optional[str], filter_mode: Optional[str], model: Optional[str], device: Optional[str],
           server: Optional[str], no_model: bool, min_confidence: Optional[float], no_cache: bool,
           audit: bool) -> None:
    """Review a diff and print findings.

    \b
    Examples:
      reviewer review                    # this branch against its base
      reviewer review --staged           # what you are about to commit
      reviewer review --range main..HEAD --format json
      git diff | reviewer review --diff-file -
    """
    from reviewer import pipeline, router

    mode = diff_mode(staged, worktree, base, range_, diff_file)
    cfg, start = load_config(
        repo, config_path, fail_level=fail_level, filter_mode=filter_mode,
        cache=False if no_cache else None,
        model__model=model, model__device=device, model__server=server,
        model__backend="none" if no_model else None, model__min_confidence=min_confidence,
        rules__audit=True if audit else None,
    )
    result = pipeline.run(cfg, start, mode, ("review",), status=status_printer())
    write_report(result, fmt, output)
    if router.fails(result.routed, cfg.fail_level):
        raise SystemExit(EXIT_FINDINGS)


# --- entry point ----------------------------------------------------------------------------

def main(argv: Optional[list[str]] = None) -> int:
    """Console-script entry: maps every failure to one line and an exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    warnings.simplefilter("default")
    warnings.showwarning = _show_warning
    try:
        cli.main(args=argv, prog_name="reviewer", standalone_mode=False)
    except ReviewerError as exc:
        if debug:
            raise
        click.echo(f"reviewer: error: {exc.message}", err=True)
        return exc.code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            click.echo("reviewer: interrupted", err=True)
            return EXIT_INTERRUPTED
        click.echo("reviewer: aborted", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        click.echo("reviewer: interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        if debug:
            raise
        click.echo(f"reviewer: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)", err=True)
        return EXIT_INTERNAL
    return EXIT_OK


def _show_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
    if category is UserWarning:
        click.echo(f"reviewer: warning: {message}", err=True)
    else:  # library deprecation noise goes nowhere unless debugging
        if "--debug" in sys.argv:
            click.echo(f"{category.__name__}: {message} ({filename}:{lineno})", err=True)
