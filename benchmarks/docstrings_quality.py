"""Benchmark: how good are regenerated docstrings, measured against real projects' own?

Takes well-documented public projects, picks N public functions and methods
that have a docstring (a fixed random sample), strips those docstrings, lets
`reviewer`'s docstrings machinery regenerate them with the file's other
definitions still documented (so the style is detected from neighbours, as
in real use), and scores each regenerated docstring against the original:

- written / rejected: the share written, and the share the checks of
  docgen/checks.py refused (with the reasons, counted);
- invalid written: written docstrings that name a parameter the signature
  does not have, miss one it has, or list an exception the body does not
  raise (must be 0: the checks exist to make it so);
- parameters covered: of the parameters the original documents, the share the
  regenerated one documents too;
- raises agree: where the original lists exceptions in a section, the share
  of regenerated docstrings that list the same set;
- style matched: where the original has sections, the share written in the
  same style.

Generators: `template` (names only, the structural baseline; its prose is
also run through the prose checks to show how much of it they would refuse),
`model` with `--model ID|PATH` (transformers) or `--server URL` (an
OpenAI-compatible server, e.g. `reviewer serve`). With tests/tiny_model.py's
random-weight model this measures the machinery: the checks must refuse the
noise and nothing invalid may be written. A real model gives the prose figure.

The summary checks are also run on the originals' own summaries: the share
refused there is the checks' false-refusal rate on text maintainers wrote.

Get the projects (not part of this repository):
  git clone https://github.com/more-itertools/more-itertools /work/corpora/more-itertools
  git clone https://github.com/pallets/click /work/corpora/click
  git clone https://github.com/python-attrs/attrs /work/corpora/attrs

Usage: python benchmarks/docstrings_quality.py [PROJECT_DIR ...] [--sample 20] [--seed 0]
           [--generator template|model] [--model ID|PATH] [--server URL] [--device cpu]
           [--max-new-tokens 384] [--json OUT]
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import json
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer import source  # noqa: E402
from reviewer.config import DocstringsConfig  # noqa: E402
from reviewer.docgen import checks, text  # noqa: E402
from reviewer.docgen import style as stylemod  # noqa: E402
from reviewer.docgen.generate import TemplateBackend, template_prose  # noqa: E402
from reviewer.docgen.run import FileInput, document  # noqa: E402
from reviewer.docgen.select import is_test  # noqa: E402

DEFAULT_PROJECTS = [Path("/work/corpora") / n for n in ("more-itertools", "click", "attrs")]
SKIP_PARTS = {"tests", "test", "docs", "doc", "examples", "bench", "benchmarks", "scripts", ".git"}


@dataclasses.dataclass
class Pick:
    path: str  # relative to the project
    qualname: str
    line: int
    original: str


def sources(project: Path) -> list[Path]:
    out = []
    for p in sorted(project.rglob("*.py")):
        rel = p.relative_to(project)
        if SKIP_PARTS & set(rel.parts[:-1]) or rel.name.startswith("test_") or rel.name == "conftest.py":
            continue
        out.append(p)
    return out


def candidates(project: Path) -> list[Pick]:
    """Public, documented functions and methods whose docstring sits on its own lines."""
    picks = []
    for path in sources(project):
        data = path.read_bytes()
        try:
            defs = source.definitions(data)
        except (SyntaxError, ValueError):
            continue
        counts = Counter(d.qualname for d in defs)
        for d in defs:
            if counts[d.qualname] > 1:  # defined twice (if/else branches, property setters): ambiguous
                continue
            if d.kind == "class" or not d.has_docstring or d.is_private or d.is_dunder or d.nested or is_test(d) \
                    or d.is_overload or d.is_property_setter or d.body_start == d.line:
                continue
            if any(p.is_private for p in defs if d.parent and p.qualname == d.parent):
                continue
            picks.append(Pick(path.relative_to(project).as_posix(), d.qualname, d.line, d.docstring or ""))
    return picks


def strip(data: bytes, qualnames: set[str]) -> tuple[bytes, set[int]]:
    """The file without the docstrings of `qualnames`; and their `def` lines in the stripped file."""
    tree = ast.parse(data)
    drop: list[tuple[int, int]] = []
    nodes = {d.qualname: n for d, n in zip(source.definitions(tree), source.def_nodes(tree))}
    for q in qualnames:
        node = nodes[q]
        doc = source.docstring_node(node)
        if doc is None or len(node.body) < 2:
            continue
        assert doc.end_lineno is not None
        drop.append((doc.lineno, doc.end_lineno))
    lines = data.splitlines(keepends=True)
    gone = {n for a, b in drop for n in range(a, b + 1)}
    new = b"".join(line for i, line in enumerate(lines, 1) if i not in gone)
    defs = source.definitions(new)
    return new, {d.line for d in defs if d.qualname in qualnames}


def make_backend(args: argparse.Namespace) -> Any:
    if args.generator == "template":
        return TemplateBackend()
    from reviewer.config import Config, ModelConfig
    from reviewer.engine import get_backend

    m = ModelConfig(model=args.model or ModelConfig().model, device=args.device, server=args.server,
                    backend="openai" if args.server else "transformers", optional=False,
                    max_new_tokens=args.max_new_tokens)
    backend, notes = get_backend(Config(model=m), lambda msg: print(f"  {msg}", file=sys.stderr))
    if backend is None:
        sys.exit(f"docstrings_quality: no model backend: {'; '.join(notes)}")
    return backend


def signature_facts(code: str, qualname: str) -> tuple[list[str], tuple[str, ...]]:
    d = next(x for x in source.definitions(code) if x.qualname == qualname)
    sh = text.shape(d)
    return [p.name for p in sh.params], sh.raises


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    backend = make_backend(args)
    cfg = DocstringsConfig(style=args.style)
    totals: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    per_project = {}
    started = time.perf_counter()
    for project in args.projects:
        pool = candidates(project)
        picks = rng.sample(pool, min(args.sample, len(pool)))
        by_file: dict[str, list[Pick]] = {}
        for p in picks:
            by_file.setdefault(p.path, []).append(p)
        files, originals, stripped_text = [], {}, {}
        for rel, group in sorted(by_file.items()):
            data = (project / rel).read_bytes()
            new, lines = strip(data, {p.qualname for p in group})
            files.append(FileInput(rel, new, frozenset(lines)))
            stripped_text[rel] = source.decode(new)
            for p in group:
                originals[(rel, p.qualname)] = p.original
        section = document(files, cfg, backend, args.max_new_tokens)
        c: Counter[str] = Counter(sampled=len(picks), pool=len(pool))
        targets = {(p, cand.definition.qualname) for p, cand in section.missing}
        c["targets"] = len(targets & set(originals))
        for r in section.rejected:
            c["rejected"] += 1
            reasons[_reason_kind(r.reason)] += 1
        for f in section.failures:
            c["file_failures"] += 1
        for e in section.edits:
            key = (e.path, e.name)
            if key not in originals:
                continue
            c["written"] += 1
            generated = str(ast.literal_eval(e.docstring))
            gen, orig = stylemod.parse(generated), stylemod.parse(originals[key])
            params, raises = signature_facts(stripped_text[e.path], e.name)
            if set(p.lstrip("*") for p in gen.params) != set(params) or not set(gen.raises) <= set(raises):
                c["invalid_written"] += 1
                if args.verbose:
                    print(f"  invalid: {e.path}:{e.name}: {gen} vs {params} {raises}", file=sys.stderr)
            if orig.params:
                c["orig_params"] += len(set(orig.params))
                c["params_covered"] += len(set(orig.params) & set(gen.params))
            if orig.raises:
                c["with_raises"] += 1
                c["raises_agree"] += set(gen.raises) == set(orig.raises)
            if orig.style is not None:
                c["with_style"] += 1
                c["style_matched"] += gen.style == orig.style or (gen.style is None and not params and not raises)
            if args.generator == "template":
                c["template_prose_refused"] += _prose_refused(stripped_text[e.path], e.name, section.styles[e.path])
        # How strict are the summary checks on what maintainers wrote?
        for (rel, q), doc in originals.items():
            summary = stylemod.parse(doc).summary
            d = next(x for x in source.definitions(stripped_text[rel]) if x.qualname == q)
            c["orig_summaries"] += 1
            c["orig_summary_refused"] += _summary_refused(d, summary, cfg.line_length)
        per_project[project.name] = dict(c)
        totals.update(c)
    return {"totals": dict(totals), "projects": per_project, "reasons": dict(reasons.most_common()),
            "seconds": round(time.perf_counter() - started, 1), "generator": args.generator,
            "model": getattr(backend, "model_id", "?")}


def _reason_kind(reason: str) -> str:
    for key in ("not a sentence", "only repeats the name", "is not prose", "fit on the first line", "mentions `",
                "mentions ", "does not describe", "does not exist", "does not raise", "not the JSON",
                "summary is empty", "no usable answer"):
        if key in reason:
            return key.strip()
    return reason[:40]


def _prose_refused(code: str, qualname: str, style: str) -> int:
    d = next(x for x in source.definitions(code) if x.qualname == qualname)
    sh = text.shape(d)
    prose = template_prose({"name": d.qualname, "params": [p.name for p in sh.params],
                            "returns": sh.returns is not None, "yields": sh.yields is not None,
                            "raises": list(sh.raises)})
    doc = "\n".join(text.content(d, prose, style, "    ", 88))
    lines = code.split("\n")
    return int(checks.check(d, sh, text.cleaned(prose, d), doc, style, "\n".join(lines[d.start - 1:d.end]), 80)
               is not None)


def _summary_refused(d: source.Definition, summary: str, line_length: int) -> int:
    s = text.summary_line(summary, d)
    room = line_length - 8 - 3
    if len(s.split()) < 2 or len(s) > room or checks.echoes(s, d.name, d.parent, *(p.name for p in d.params)):
        return 1
    return 0


def share(part: int, whole: int) -> str:
    return "n/a" if whole == 0 else f"{100.0 * part / whole:.1f}% ({part}/{whole})"


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("projects", nargs="*", type=Path, default=DEFAULT_PROJECTS)
    p.add_argument("--sample", type=int, default=20, help="functions sampled per project")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--generator", choices=("template", "model"), default="template")
    p.add_argument("--model", default=None)
    p.add_argument("--server", default=None)
    p.add_argument("--device", default="cpu")
    p.add_argument("--style", default="auto")
    p.add_argument("--max-new-tokens", type=int, default=384)
    p.add_argument("--json", type=Path, default=None)
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    if (args.model or args.server) and args.generator == "template":
        args.generator = "model"
    missing = [str(x) for x in args.projects if not x.is_dir()]
    if missing:
        print(f"docstrings_quality: not found: {', '.join(missing)} (see the module docstring for the clones)",
              file=sys.stderr)
        return 2
    result = run(args)
    t = result["totals"]
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}; "
          f"generator: {args.generator} ({result['model']}); sample {args.sample} per project, seed {args.seed}")
    names = ", ".join(f"{k} ({v['sampled']} of {v['pool']})" for k, v in result["projects"].items())
    print(f"projects: {names}")
    print(f"written: {share(t.get('written', 0), t.get('targets', 0))}; "
          f"rejected by the checks: {share(t.get('rejected', 0), t.get('targets', 0))}; "
          f"files failing a guarantee: {t.get('file_failures', 0)}")
    print(f"invalid written (wrong/missing parameter or raises): {t.get('invalid_written', 0)}")
    print(f"parameters covered: {share(t.get('params_covered', 0), t.get('orig_params', 0))}")
    print(f"raises agree: {share(t.get('raises_agree', 0), t.get('with_raises', 0))}")
    print(f"style matched: {share(t.get('style_matched', 0), t.get('with_style', 0))}")
    if args.generator == "template":
        print(f"template prose the prose checks would refuse: "
              f"{share(t.get('template_prose_refused', 0), t.get('written', 0))}")
    print(f"originals' summaries the summary checks would refuse: "
          f"{share(t.get('orig_summary_refused', 0), t.get('orig_summaries', 0))}")
    if result["reasons"]:
        print("rejection reasons: " + ", ".join(f"{k}: {v}" for k, v in result["reasons"].items()))
    print(f"time: {result['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
