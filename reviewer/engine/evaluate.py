"""Measure the configured model on labelled cases: per-rule precision and recall (`reviewer eval`).

Cases come in two kinds:

- case files: Python files annotated like rule tests (`# expect: RULE` on the line
  before code that violates RULE, `# ok: RULE` before code that does not). The
  whole file is shown to the model as one added hunk with the annotated rules.
  A reported finding (confidence >= model.min_confidence) of RULE on an `expect`
  line is a true positive; on any other line a false positive; an `expect` line
  without one is a false negative.
- rule examples: each judge rule's `examples.bad` must get at least one finding of
  that rule (true positive, else a false negative), each `examples.good` none
  (else one false positive).

Judge rules are answered by the model over the hunk; pattern+judge rules by their
pattern, confirmed by the model's yes/no pass (as in a review). Pattern-only rules
involve no model and are left to `reviewer rules test`. Everything goes to the
backend as one batch, through the result cache like a review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from reviewer.records import ChangeSet, FileChange, FileStatus, Finding, Hunk, Rule, RuleKind, Skipped

EXAMPLE_LINE = 0  # an example counts as a whole: any line of it


@dataclass(frozen=True)
class Case:
    """One labelled piece of code."""

    name: str  # shown path: the case file, or "RULE (bad example 1)"
    path: str  # the file name the model sees
    text: str
    rules: tuple[str, ...]  # the rules this case measures
    expect: frozenset[tuple[str, int]]  # (rule, line) that must be found; line 0: anywhere (examples)
    ok: frozenset[tuple[str, int]] = frozenset()


@dataclass
class Score:
    rule: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    cases: int = 0

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "tp": self.tp, "fp": self.fp, "fn": self.fn, "cases": self.cases,
                "precision": _round(self.precision), "recall": _round(self.recall)}


def _round(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(x, 4)


@dataclass
class Outcome:
    scores: list[Score]
    total: Score
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def file_cases(paths: Sequence[Path], known: dict[str, Rule], shown_root: Path) -> tuple[list[Case], list[Skipped]]:
    """Annotated case files under `paths` (files or folders; `*.fixed.py` are ignored)."""
    from reviewer.rules.selftest import parse_annotations

    files: list[Path] = []
    for p in paths:
        files += [p] if p.is_file() else sorted(q for q in p.rglob("*.py") if not q.name.endswith(".fixed.py"))
    cases: list[Case] = []
    skipped: list[Skipped] = []
    for f in files:
        shown = _shown(f, shown_root)
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            skipped.append(Skipped(shown, f"cannot be read ({type(exc).__name__})"))
            continue
        notes = parse_annotations(text)
        unknown = sorted({rid for _k, rid, _l, _t in notes if rid not in known})
        if unknown:
            skipped.append(Skipped(shown, f"names unknown rule(s) {', '.join(unknown)}: those annotations are ignored"))
        usable = [(k, rid, t) for k, rid, _l, t in notes
                  if rid in known and known[rid].kind != RuleKind.PATTERN]
        if not usable:
            if not unknown:
                skipped.append(Skipped(shown, "no `# expect:` / `# ok:` annotation of a judge or pattern+judge rule"))
            continue
        # The labels must not reach the model: annotation lines become blank (line numbers stay).
        hidden = {line for _k, _r, line, _t in notes}
        shown_text = "".join("\n" if n in hidden else row
                             for n, row in enumerate(text.splitlines(keepends=True), 1))
        cases.append(Case(shown, shown, shown_text, tuple(sorted({rid for _k, rid, _t in usable})),
                          frozenset((rid, t) for k, rid, t in usable if k == "expect"),
                          frozenset((rid, t) for k, rid, t in usable if k == "ok")))
    return cases, skipped


def example_cases(rules: Sequence[Rule]) -> list[Case]:
    """The good and bad examples of every judge and pattern+judge rule in `rules`."""
    out: list[Case] = []
    for r in rules:
        if r.kind == RuleKind.PATTERN:
            continue
        counts = {"bad": 0, "good": 0}
        for kind, code in r.examples:
            counts[kind] += 1
            name = f"{r.id} ({kind} example {counts[kind]})"
            expect = frozenset({(r.id, EXAMPLE_LINE)}) if kind == "bad" else frozenset()
            out.append(Case(name, f"examples/{r.id}/{kind}-{counts[kind]}.py",
                            code if code.endswith("\n") else code + "\n", (r.id,), expect))
    return out


def run(cases: Sequence[Case], rules: Sequence[Rule], ctx_factory: Any, backend: Any,
        min_confidence: float) -> Outcome:
    """Ask `backend` about every case in one batch and score the answers.

    `ctx_factory(changes, texts)` builds the TaskContext the engine reads from.
    """
    from reviewer.engine.review import judge
    from reviewer.rules import match as rules_match
    from reviewer.tasks import TaskOutput

    by_id = {r.id: r for r in rules}
    names: dict[str, Case] = {}  # one added file per case, under the name the model sees
    for c in cases:
        path = c.path
        while path in names:
            path = path[:-3] + "-2.py"
        names[path] = c
    changes = ChangeSet(tuple(_added_file(path, c.text) for path, c in names.items()))
    ctx = ctx_factory(changes, {path: c.text for path, c in names.items()})
    candidates: list[Finding] = []
    for path, c in names.items():
        pj = [by_id[rid] for rid in c.rules if by_id[rid].kind == RuleKind.PATTERN_JUDGE]
        for m in rules_match.match_text(c.text, pj) if pj else []:
            candidates.append(Finding(m.rule.id, m.rule.pack, path, m.line, m.end_line, m.rule.severity,
                                      m.rule.title, snippet=m.text))

    def rules_of(change: FileChange) -> list[Rule]:
        return [by_id[rid] for rid in names[change.path].rules if by_id[rid].kind == RuleKind.JUDGE]

    out = TaskOutput()
    judge(ctx, backend, [], [r for r in rules if r.kind == RuleKind.JUDGE], candidates, out, rules_of)
    scores = {rid: Score(rid) for c in cases for rid in c.rules}
    found: dict[str, set[tuple[str, int]]] = {path: set() for path in names}
    for f in out.findings:
        if f.confidence >= min_confidence and f.path in names and f.rule in names[f.path].rules:
            found[f.path].add((f.rule, f.line))
    for path, c in names.items():
        hits = found[path]
        for rid in c.rules:
            scores[rid].cases += 1
            if (rid, EXAMPLE_LINE) in c.expect:
                got = any(r == rid for r, _l in hits)
                scores[rid].tp += got
                scores[rid].fn += not got
                continue
            want = {line for r, line in c.expect if r == rid}
            have = {line for r, line in hits if r == rid}
            scores[rid].tp += len(want & have)
            scores[rid].fn += len(want - have)
            scores[rid].fp += len(have - want)
    ordered = [scores[k] for k in sorted(scores)]
    total = Score("all", sum(s.tp for s in ordered), sum(s.fp for s in ordered), sum(s.fn for s in ordered),
                  len(cases))
    shown = {path: c.name for path, c in names.items()}
    skipped = [Skipped(shown.get(s.path, s.path), s.reason) for s in out.skipped]
    return Outcome(ordered, total, skipped, out.notes, out.findings)


def _added_file(path: str, text: str) -> FileChange:
    lines = text.splitlines()
    numbered = tuple((i, t) for i, t in enumerate(lines, 1))
    hunk = Hunk(path, 0, 0, 1, len(lines), added=frozenset(range(1, len(lines) + 1)), context=frozenset(),
                lines=numbered)
    return FileChange(path, None, FileStatus.ADDED, (hunk,), language="python")


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)
