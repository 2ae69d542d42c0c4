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


_model_opt = click.option("--model", "model", metavar="ID|PATH", default=None,
                          help="Model for judge rules (Hugging Face id or local folder).")
_server_opt = click.option("--server", default=None, metavar="URL", help="Use an OpenAI-compatible server.")


def _with_model(cfg: Any, model: Optional[str], server: Optional[str]) -> Any:
    from reviewer import config as configmod

    return configmod.override(cfg, model__model=model, model__server=server)


@command.command(name="list")
@_repo_opt
@_config_opt
@_model_opt
@_server_opt
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(repo: Optional[Path], config_path: Optional[Path], model: Optional[str], server: Optional[str],
               fmt: str) -> None:
    """Show every rule with its pack, severity, kind and whether config enables it.

    Judge rules (and the team's guidelines) run only with a model: when none is
    configured, ENABLED says `needs a model`.
    """
    from reviewer import guidelines, rules as rulesmod
    from reviewer.engine.review import model_unavailable

    cfg, root = _context(repo, config_path)
    cfg = _with_model(cfg, model, server)
    all_rules, chosen = rulesmod.load(root, cfg.rules)
    team, notes = guidelines.load(root, cfg.rules)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    all_rules, chosen = all_rules + team, chosen + team
    no_model = model_unavailable(cfg)
    enabled = {r.id: r for r in chosen}
    rows: list[dict[str, Any]] = []
    for r in sorted(all_rules, key=lambda r: r.id):
        shown = enabled.get(r.id, r)
        needs = no_model is not None and r.kind.value == "judge"
        rows.append({"id": r.id, "pack": r.pack, "severity": str(shown.severity), "kind": r.kind.value,
                     "fix": r.fix is not None, "enabled": r.id in enabled, "needs_model": needs,
                     "title": r.title, "source": r.source})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max([len(row["id"]) for row in rows] + [2])
    pack_w = max([len(row["pack"]) for row in rows] + [4])
    click.echo(f"{'ID':<{width}}  {'PACK':<{pack_w}}  {'SEVERITY':<8}  {'KIND':<13}  FIX  ENABLED")
    for row in rows:
        state = ("needs a model" if row["needs_model"] else "yes") if row["enabled"] else "no"
        click.echo(f"{row['id']:<{width}}  {row['pack']:<{pack_w}}  {row['severity']:<8}  {row['kind']:<13}  "
                   f"{'yes' if row['fix'] else 'no ':<3}  {state}")
    waiting = sum(1 for row in rows if row["enabled"] and row["needs_model"])
    click.echo(f"{len(rows)} rule(s), {len(enabled)} enabled"
               + (f"; {waiting} judge rule(s) need a model ({no_model}): pass --model or --server" if waiting else ""))


@command.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_repo_opt
@_config_opt
@_model_opt
@_server_opt
def test_rules(paths: tuple[Path, ...], repo: Optional[Path], config_path: Optional[Path], model: Optional[str],
               server: Optional[str]) -> None:
    """Run rule tests: `# expect: ID` / `# ok: ID` annotations and `.fixed.py` files.

    PATH is a pack folder or a folder of packs (tests in each pack's tests/).
    Without PATH: the built-in packs, the repository's .reviewer/rules/ and
    config rules.paths. Judge rules' good/bad examples go through the model
    when one is given (--model / --server, or model.server / REVIEWER_SERVER),
    else they are listed as needing a model. Exit 1 when a rule misses,
    false-alarms or fixes wrongly.
    """
    import os

    from reviewer import rules as rulesmod
    from reviewer.rules import selftest as rules_test

    cfg, root = _context(repo, config_path)
    cfg = _with_model(cfg, model, server)
    if paths:
        folders, rules = rules_test.load_targets(list(paths))
    else:
        folders = [folder for folder, _pack in rulesmod.sources(root, cfg.rules)]
        rules = rulesmod.load_all(root, cfg.rules, compile_shipped=True)  # a maintainer's edit is located
    results, stray = rules_test.run(folders, rules, Path.cwd().resolve())
    asked = model or server or cfg.model.server or os.environ.get("REVIEWER_SERVER")
    judged = _judge_examples(cfg, root, [r.rule for r in results if r.rule.kind.value == "judge"]) if asked else {}
    failed = 0
    for res in sorted(results, key=lambda r: r.rule.id):
        if res.rule.kind.value == "judge":
            verdict = judged.get(res.rule.id)
            if verdict is None:
                why = "no examples" if asked else "needs a model (--model / --server)"
                click.echo(f"skip {res.rule.id}: judge-only, {why}")
            elif verdict[0]:
                click.echo(f"ok   {res.rule.id} (model: {verdict[1]})")
            else:
                failed += 1
                click.echo(f"FAIL {res.rule.id} (model: {verdict[1]})")
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


def _judge_examples(cfg: Any, root: Path, rules: list[Any]) -> dict[str, tuple[bool, str]]:
    """rule id -> (passed, 'N/M bad flagged, K/L good flagged') from the model, for judge rules with examples."""
    from reviewer.errors import BackendError
    from reviewer.engine import evaluate, shared_backend
    from reviewer.tasks import TaskContext

    from reviewer.commands.eval import _Texts
    from reviewer.cli import status_printer

    cases = evaluate.example_cases([r for r in rules if r.examples])
    if not cases:
        return {}
    shared: dict[str, Any] = {}

    def ctx_factory(changes: Any, texts: dict[str, str]) -> Any:
        return TaskContext(config=cfg, changes=changes, snapshot=_Texts(texts), root=root, shared=shared,
                           status=status_printer())

    backend, notes = shared_backend(ctx_factory(None, {}))
    if backend is None:
        raise BackendError("rules test: the model for judge rules is not available: " + "; ".join(notes))
    outcome = evaluate.run(cases, rules, ctx_factory, backend, cfg.model.min_confidence)
    out: dict[str, tuple[bool, str]] = {}
    for s in outcome.scores:
        bad = sum(1 for c in cases if c.rules == (s.rule,) and c.expect)
        good = sum(1 for c in cases if c.rules == (s.rule,) and not c.expect)
        out[s.rule] = (s.fn == 0 and s.fp == 0, f"{s.tp}/{bad} bad flagged, {s.fp}/{good} good flagged")
    return out
