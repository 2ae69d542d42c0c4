"""`reviewer tests`: propose tests for uncovered changed code; keep only ones proven by running them."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from reviewer.cli import diff_mode, diff_options, load_config, status_printer
from reviewer.errors import BackendError


@click.command(name="tests")
@diff_options
@click.option("--coverage-file", metavar="PATH", default=None,
              help="Coverage data for the change (.coverage, coverage json or coverage xml).")
@click.option("--write", is_flag=True, help="Append kept tests to tests/test_<module>_proposed.py (coverage.output).")
@click.option("--repeat", type=click.IntRange(1, 100), default=None,
              help="Runs per candidate; a candidate must pass all of them. [default: coverage.repeat, 5]")
@click.option("--attempts", type=click.IntRange(1, 20), default=None,
              help="Candidates per target, each prompt carrying the last failure. [default: coverage.attempts, 2]")
@click.option("--model", "model", metavar="ID|PATH", default=None, help="Hugging Face model id or local folder.")
@click.option("--device", default=None, help="auto, cpu, cuda, cuda:1, mps.")
@click.option("--server", default=None, metavar="URL", help="Use an OpenAI-compatible server (e.g. `reviewer serve`).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
def command(staged: bool, worktree: bool, base: Optional[str], range_: Optional[str], diff_file: Optional[str],
            repo: Optional[Path], config_path: Optional[Path], coverage_file: Optional[str], write: bool,
            repeat: Optional[int], attempts: Optional[int], model: Optional[str], device: Optional[str],
            server: Optional[str], fmt: str) -> None:
    """Propose pytest tests for changed lines and branches no test executes.

    Each candidate is run under coverage --repeat times in a subprocess with
    time and memory limits, and kept only if it parses, passes every run and
    executes the missing lines or branches it was written for. Exit 3 when no
    model is available.

    \b
    Examples:
      coverage run --branch -m pytest && reviewer tests
      reviewer tests --write          # append kept tests to tests/test_<module>_proposed.py
    """
    from reviewer import pipeline, proposals
    from reviewer.report import tests as report

    mode = diff_mode(staged, worktree, base, range_, diff_file)
    cfg, start = load_config(repo, config_path, coverage__repeat=repeat, coverage__attempts=attempts,
                             model__model=model, model__device=device, model__server=server)
    explicit = str((start / coverage_file).resolve()) if coverage_file else None
    result = pipeline.run(cfg, start, mode, ("coverage", "tests"), status=status_printer(),
                          options={"coverage_file": explicit})
    section = result.sections.get("tests")
    if section is None:
        click.echo("nothing to do: the diff has no changed lines")
        return
    if section.unavailable:
        raise BackendError(section.unavailable)
    click.echo(report.render(section, fmt), nl=False)
    if write and section.kept:
        for path in proposals.write_kept(section.kept, result.root or start, cfg.coverage.output):
            click.echo(f"wrote {path}", err=True)
