"""`reviewer coverage`: changed lines and branches that no test executes."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from reviewer.cli import diff_mode, diff_options, load_config, save_output, status_printer
from reviewer.errors import EXIT_FINDINGS


@click.command(name="coverage")
@diff_options
@click.option("--coverage-file", metavar="PATH", default=None,
              help="A .coverage database, coverage json or coverage xml report "
                   "[default: coverage.file, else .coverage, coverage.json or coverage.xml in the repository root].")
@click.option("--fail-under", type=float, default=None, metavar="PERCENT",
              help="Exit 1 when the changed measured lines are covered below this percent.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("-o", "--output", metavar="PATH", help="Write the report to a file instead of standard output.")
def command(staged: bool, worktree: bool, base: Optional[str], range_: Optional[str], diff_file: Optional[str],
            repo: Optional[Path], config_path: Optional[Path], coverage_file: Optional[str],
            fail_under: Optional[float], fmt: str, output: Optional[str]) -> None:
    """Diff coverage: per file, the changed lines that were measured but not
    executed and the missing branch arcs from changed lines, with the total
    percent of changed measured lines covered.

    \b
    Examples:
      coverage run --branch -m pytest && reviewer coverage
      reviewer coverage --coverage-file coverage.xml --fail-under 80 --format markdown
    """
    from reviewer import coverage_data, pipeline
    from reviewer.report import coverage as report

    mode = diff_mode(staged, worktree, base, range_, diff_file)
    cfg, start = load_config(repo, config_path, coverage__fail_under=fail_under)
    explicit = str((start / coverage_file).resolve()) if coverage_file else None
    result = pipeline.run(cfg, start, mode, ("coverage",), status=status_printer(),
                          options={"coverage_file": explicit})
    section = result.sections.get("coverage")
    if section is None:
        # Nothing changed: still check that the data is there and readable.
        root = result.root or start
        coverage_data.load(coverage_data.locate(root, explicit or cfg.coverage.file), root, only=())
        text = "nothing to check: the diff has no changed lines\n"
    else:
        text = report.render(section, fmt, cfg.coverage.fail_under)
    if output:
        save_output(output, text)
    else:
        click.echo(text, nl=False)
    limit = cfg.coverage.fail_under
    if limit is not None and section is not None and section.percent is not None and section.percent < limit:
        click.echo(f"reviewer: diff coverage {section.percent:.2f}% is below --fail-under {limit:g}%", err=True)
        raise SystemExit(EXIT_FINDINGS)
