"""`reviewer rules list` and `reviewer rules test`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import click

from reviewer.errors import EXIT_FINDINGS


def _context(repo: Optional[Path], config_path: Optional[Path]) -> tuple[object, Path]:
    from reviewer.cli import _git_root, load_config

    cfg, start = load_config(repo, config_path)
    return cfg, _git_root(start) or start


@click.group(name="rules")
def command() -> None:
    """List and test rules (built-in packs, .reviewer/rules/, and config rules.paths)."""


_repo_opt = click.option("-C", "--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
                         help="Run as if started in this folder.")
_config_opt = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                           default=None, help="Configuration file.")


@command.command(name="list")
@_repo_opt
@_config_opt
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(repo: Optional[Path], config_path: Optional[Path], fmt: str) -> None:
    """Show every rule with its pack, severity, kind and whether config enables it."""
    from reviewer import rules as rulesmod

    cfg, root = _context(repo, config_path)
    all_rules, chosen = rulesmod.load(root, cfg.rules)  # type: ignore[attr-defined]
    enabled = {r.id: r for r in chosen}
    rows: list[dict[str, Any]] = []
    for r in sorted(all_rules, key=lambda r: r.id):
        shown = enabled.get(r.id, r)
        rows.append({"id": r.id, "pack": r.pack, "severity": str(shown.severity), "kind": r.kind.value,
                     "fix": r.fix is not None, "enabled": r.id in enabled, "title": r.title, "source": r.source})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max([len(row["id"]) for row in rows] + [2])
    pack_w = max([len(row["pack"]) for row in rows] + [4])
    click.echo(f"{'ID':<{width}}  {'PACK':<{pack_w}}  {'SEVERITY':<8}  {'KIND':<13}  FIX  ENABLED")
    for row in rows:
        click.echo(f"{row['id']:<{width}}  {row['pack']:<{pack_w}}  {row['severity']:<8}  {row['kind']:<13}  "
                   f"{'yes' if row['fix'] else 'no ':<3}  {'yes' if row['enabled'] else 'no'}")
    click.echo(f"{len(rows)} rule(s), {len(enabled)} enabled")


@command.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_repo_opt
@_config_opt
def test_rules(paths: tuple[Path, ...], repo: Optional[Path], config_path: Optional[Path]) -> None:
    """Run rule tests: `# expect: ID` / `# ok: ID` annotations and `.fixed.py` files.

    PATH is a pack folder or a folder of packs (tests in each pack's tests/).
    Without PATH: the built-in packs, the repository's .reviewer/rules/ and
    config rules.paths. Exit 1 when a rule misses, false-alarms or fixes wrongly.
    """
    from reviewer import rules as rulesmod
    from reviewer.rules import selftest as rules_test

    cfg, root = _context(repo, config_path)
    if paths:
        folders, rules = rules_test.load_targets(list(paths))
    else:
        folders = [folder for folder, _pack in rulesmod.sources(root, cfg.rules)]  # type: ignore[attr-defined]
        rules = rulesmod.load_all(root, cfg.rules)  # type: ignore[attr-defined]
    results, stray = rules_test.run(folders, rules, Path.cwd().resolve())
    failed = 0
    for res in sorted(results, key=lambda r: r.rule.id):
        if res.rule.kind.value == "judge":
            click.echo(f"skip {res.rule.id}: judge-only, needs the model")
            continue
        if res.passed:
            click.echo(f"ok   {res.rule.id} ({res.expect} expect, {res.ok} ok, {res.fixed} fixed)")
            continue
        failed += 1
        click.echo(f"FAIL {res.rule.id}")
        for p in res.problems:
            click.echo(f"  {p.path}:{p.line}: {p.what}")
    for p in stray:
        click.echo(f"FAIL {p.path}:{p.line}: {p.what}")
    click.echo(f"{len(results)} rule(s): {len(results) - failed} passed, {failed} failed"
               + (f", {len(stray)} bad annotation(s)" if stray else ""))
    if failed or stray:
        raise SystemExit(EXIT_FINDINGS)
