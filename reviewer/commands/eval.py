"""`reviewer eval PATH...`: the configured model's precision and recall per rule, on labelled cases.

See reviewer/engine/evaluate.py for what counts as a true or false positive.
Exit 0 after a measurement (the numbers are the result; nothing "fails"), 2 on
usage errors, 3 when no model is available.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import click

from reviewer.errors import BackendError, UsageError


class _Texts:
    """A snapshot of the cases' texts (the engine reads files through a snapshot)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def read(self, path: str) -> Optional[bytes]:
        text = self.texts.get(path)
        return None if text is None else text.encode("utf-8")


def _fmt(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.2f}"


@click.command(name="eval")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-C", "--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Run as if started in this folder (its rules, guidelines and configuration).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file.")
@click.option("--model", "model", metavar="ID|PATH", default=None, help="Hugging Face model id or local folder.")
@click.option("--device", default=None, help="auto, cpu, cuda, cuda:1, mps.")
@click.option("--server", default=None, metavar="URL", help="Use an OpenAI-compatible server.")
@click.option("--rule", "only", multiple=True, metavar="ID", help="Measure only this rule (repeatable).")
@click.option("--no-examples", is_flag=True, help="Leave out the rules' own good/bad examples.")
@click.option("--min-confidence", type=float, default=None, help="A finding counts at or above this confidence.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(paths: tuple[Path, ...], repo: Optional[Path], config_path: Optional[Path], model: Optional[str],
            device: Optional[str], server: Optional[str], only: tuple[str, ...], no_examples: bool,
            min_confidence: Optional[float], no_cache: bool, fmt: str) -> None:
    """Measure the model: per-rule precision and recall on labelled cases.

    PATH: Python files or folders annotated like rule tests (`# expect: RULE` /
    `# ok: RULE` on the line before the code). The enabled judge rules' own
    good/bad examples are added unless --no-examples. Compare models by
    running it once per --model / --server on the same cases.
    """
    from reviewer import guidelines, rules as rulesmod
    from reviewer.cli import _git_root, load_config, status_printer
    from reviewer.engine import evaluate, shared_backend
    from reviewer.engine.review import model_unavailable
    from reviewer.tasks import TaskContext

    cfg, start = load_config(repo, config_path, cache=False if no_cache else None, model__model=model,
                             model__device=device, model__server=server, model__min_confidence=min_confidence)
    root = _git_root(start) or start
    all_rules, enabled = rulesmod.load(root, cfg.rules)
    team, _notes = guidelines.load(root, cfg.rules)
    known = {r.id: r for r in all_rules + team}
    for rid in only:
        if rid not in known:
            raise UsageError(f"--rule {rid}: no such rule (see `reviewer rules list`)")
    cases, skipped = evaluate.file_cases(list(paths), known, Path.cwd().resolve())
    if not no_examples:
        cases += evaluate.example_cases(enabled + team)
    if only:
        keep = set(only)
        cases = [evaluate.Case(c.name, c.path, c.text, tuple(r for r in c.rules if r in keep),
                               frozenset(e for e in c.expect if e[0] in keep), frozenset(o for o in c.ok if o[0] in keep))
                 for c in cases if keep & set(c.rules)]
    if not cases:
        raise UsageError("nothing to measure: no annotated case files and no rule examples "
                         "(annotate cases with `# expect: RULE` / `# ok: RULE`)")
    why = model_unavailable(cfg)
    if why is not None:
        raise BackendError(f"eval needs a model ({why}): pass --model ID|PATH or --server URL")
    status = status_printer()
    shared: dict[str, Any] = {}

    def ctx_factory(changes: Any, texts: dict[str, str]) -> Any:
        return TaskContext(config=cfg, changes=changes, snapshot=_Texts(texts), root=root,
                           shared=shared, status=status)

    backend, notes = shared_backend(ctx_factory(None, {}))
    if backend is None:
        raise BackendError("eval needs a model: " + ("; ".join(notes) or "none is configured"))
    rules = [known[rid] for rid in sorted({rid for c in cases for rid in c.rules})]
    outcome = evaluate.run(cases, rules, ctx_factory, backend, cfg.model.min_confidence)
    label = f"{backend.name} {backend.model_id}"
    if fmt == "json":
        click.echo(json.dumps({"model": label, "min_confidence": cfg.model.min_confidence, "cases": len(cases),
                               "rules": [s.as_dict() for s in outcome.scores], "total": outcome.total.as_dict(),
                               "skipped": [{"path": s.path, "reason": s.reason} for s in skipped + outcome.skipped],
                               "notes": notes + outcome.notes}, indent=2))
        return
    width = max([len(s.rule) for s in outcome.scores] + [4])
    click.echo(f"{'RULE':<{width}}  {'CASES':>5}  {'TP':>4}  {'FP':>4}  {'FN':>4}  PRECISION  RECALL")
    for s in outcome.scores + [outcome.total]:
        click.echo(f"{s.rule:<{width}}  {s.cases:>5}  {s.tp:>4}  {s.fp:>4}  {s.fn:>4}  {_fmt(s.precision):>9}  "
                   f"{_fmt(s.recall):>6}")
    for sk in skipped + outcome.skipped:
        click.echo(f"skipped {sk.path}: {sk.reason}")
    for note in notes + outcome.notes:
        click.echo(f"note: {note}")
    click.echo(f"model: {label}; {len(cases)} case(s); a finding counts at confidence >= {cfg.model.min_confidence}")
