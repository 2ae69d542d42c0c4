"""Prose for docstrings: one batched Backend call, a small JSON schema per definition.

The model sees the definition's full source, its signature, the exceptions it
raises, its class's docstring, the module's docstring style with a documented
neighbour, and call sites, and answers only with prose (summary and
descriptions) in a JSON object whose keys we fixed from the signature.
`TemplateBackend` implements the same Backend protocol without a model: it
derives plain text from names only. It is used only when asked for
(`--generator template`): without a model the task writes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from reviewer.docgen.text import Prose, Shape
from reviewer.engine.base import Backend, Completion, Request, YesNo
from reviewer.source import Definition

PURPOSE = "docstrings"
MAX_TEXT = 300  # characters per answer field: bounds generation so it terminates
MAX_CODE_LINES = 200  # the definition's source; longer ones are cut (and the prompt says so)
MAX_CODE_CHARS = 12000
MAX_CALLS = 3
MAX_CONTEXT_CHARS = 600  # the class docstring and the neighbour's docstring, each
FACTS_PREFIX = "Facts (JSON): "

SYSTEM = (
    "You write the prose of a Python docstring. You are given the definition's source, its signature, "
    "the exceptions its body raises, the docstring of its class, an example docstring from the same "
    "module, and call sites. Answer with one JSON object only. `summary` is one imperative sentence "
    "that says what the code does and, where it matters, why; it must not merely restate the name. "
    "`params` gives each parameter's meaning: what the caller passes and how it changes the result, "
    "not just its name or type. `returns` / `yields` say what comes back, `raises` says when each "
    "exception is raised, as the code shows it. Use only facts the code shows: do not invent "
    "parameters, exceptions or behaviour, do not write code, types or the signature (they are added "
    "from the code), and match the tone of the module's example."
)


@dataclass(frozen=True)
class Target:
    """A definition to document, with the code the model reads and the sections it has.

    `style` is the docstring style used for this file; `class_doc`, `example`
    and `calls` ground the prose: the enclosing class's docstring, a
    documented neighbour's docstring from the same module, and call sites of
    the definition in the change's files.
    """

    path: str
    definition: Definition
    shape: Shape
    code: str
    style: str = "google"
    style_source: str = "configured"
    class_doc: Optional[str] = None
    example: Optional[str] = None
    calls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """One target's prose (None when there is none) and who wrote it, or why there is none."""

    prose: Optional[Prose]
    written_by: str
    error: Optional[str] = None


def schema(shape: Shape) -> dict[str, Any]:
    """The JSON schema of the answer for one definition: only the keys its sections need."""
    text = {"type": "string", "maxLength": MAX_TEXT}
    props: dict[str, Any] = {"summary": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}}
    if shape.params:
        names = [p.name for p in shape.params]
        props["params"] = {"type": "object", "properties": {n: text for n in names}, "required": names,
                           "additionalProperties": False}
    if shape.returns is not None:
        props["returns"] = text
    if shape.yields is not None:
        props["yields"] = text
    if shape.raises:
        names = list(shape.raises)
        props["raises"] = {"type": "object", "properties": {n: text for n in names}, "required": names,
                           "additionalProperties": False}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def facts(target: Target) -> dict[str, Any]:
    d, sh = target.definition, target.shape
    return {
        "kind": d.kind,
        "name": d.qualname,
        "params": [p.name for p in sh.params],
        "returns": sh.returns is not None,
        "yields": sh.yields is not None,
        "raises": list(sh.raises),
    }


def signature(target: Target) -> str:
    """The signature as code, with annotations and defaults (a class shows its constructor's)."""
    d, sh = target.definition, target.shape
    parts: list[str] = []
    seen_kw = False
    params = sh.params
    for i, p in enumerate(params):
        if p.kind == "keyword_only" and not seen_kw:
            parts.append("*")
        if p.kind in ("var_positional", "keyword_only", "var_keyword"):
            seen_kw = True
        text = p.display + (f": {p.annotation}" if p.annotation else "")
        if p.default is not None:
            text += f" = {p.default}" if p.annotation else f"={p.default}"
        parts.append(text)
        if p.kind == "positional_only" and (i + 1 == len(params) or params[i + 1].kind != "positional_only"):
            parts.append("/")
    if d.kind == "class":
        bases = f"({', '.join(d.bases)})" if d.bases else ""
        return f"class {d.name}{bases}: constructor ({', '.join(parts)})"
    head = "async def" if d.is_async else "def"
    ret = f" -> {d.returns}" if d.returns else ""
    return f"{head} {d.name}({', '.join(parts)}){ret}"


def _clip(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rstrip() + " [...]"


def prompt(target: Target) -> str:
    """The user message for one definition: everything the prose may draw on, and nothing invented."""
    lines = target.code.splitlines()
    code = "\n".join(lines[:MAX_CODE_LINES])
    cut = len(lines) - MAX_CODE_LINES
    if len(code) > MAX_CODE_CHARS:
        code = code[:MAX_CODE_CHARS]
        cut = max(cut, 1)
    sh = target.shape
    out = [f"File: {target.path}",
           f"Docstring style: {target.style} ({target.style_source})",
           f"Signature: {signature(target)}",
           f"Raises (from the code): {', '.join(sh.raises) if sh.raises else 'nothing'}"]
    if target.class_doc:
        out.append(f"Docstring of the enclosing class {target.definition.parent}:\n{_clip(target.class_doc, MAX_CONTEXT_CHARS)}")
    if target.example:
        out.append(f"A documented neighbour in this module, for tone:\n{_clip(target.example, MAX_CONTEXT_CHARS)}")
    out.append(f"Source:\n```python\n{code}\n```" + (f"\n({cut} more line(s) not shown)" if cut > 0 else ""))
    if target.calls:
        out.append("Call sites in the change:\n" + "\n".join(target.calls))
    out.append(f"{FACTS_PREFIX}{json.dumps(facts(target), sort_keys=True)}")
    return "\n".join(out) + "\n"


def request(target: Target, max_new_tokens: int = 384) -> Request:
    return Request(system=SYSTEM, user=prompt(target), schema=schema(target.shape), max_new_tokens=max_new_tokens,
                   paths=(target.path,), purpose=PURPOSE)


def parse_answer(text: str, target: Target) -> Optional[Prose]:
    """The prose in a completion, or None when it is not a JSON object with a summary string.

    Every string the answer gives is kept, also for names the code does not
    have, so that the checks (docgen/checks.py) can say what was wrong.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("summary"), str):
        return None

    def named(key: str) -> dict[str, str]:
        raw = data.get(key)
        if not isinstance(raw, dict):
            return {}
        return {str(n): v for n, v in raw.items() if isinstance(v, str)}

    return Prose(
        summary=data["summary"],
        params=named("params"),
        returns=data["returns"] if isinstance(data.get("returns"), str) else "",
        yields=data["yields"] if isinstance(data.get("yields"), str) else "",
        raises=named("raises"),
    )


def generate(backend: Backend, targets: Sequence[Target], max_new_tokens: int = 384) -> list[Answer]:
    """An Answer for each target, from one batched call.

    An answer that is not the JSON asked for gets no prose, only the reason:
    nothing is made up in its place.
    """
    if not targets:
        return []
    who = "template" if backend.name == TemplateBackend.name else "model"
    completions = backend.complete([request(t, max_new_tokens) for t in targets])
    out: list[Answer] = []
    for target, completion in zip(targets, completions):
        if completion.error:
            out.append(Answer(None, who, f"the model gave no usable answer ({completion.error})"))
            continue
        prose = parse_answer(completion.text, target)
        if prose is None:
            out.append(Answer(None, who, "the model's answer is not the JSON object asked for"))
        else:
            out.append(Answer(prose, who))
    return out


# --- the template generator -----------------------------------------------------------------

def words(name: str) -> str:
    """`moving_sum` / `movingSum` / `HTTPServer` -> "moving sum" / "moving sum" / "http server"."""
    parts = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", name))
    return " ".join(parts.replace("_", " ").split()).lower() or name


def template_prose(f: dict[str, Any]) -> Prose:
    """Plain text derived from names only: says what things are called, not what they do."""
    name = str(f["name"]).rsplit(".", 1)[-1]
    summary = f"{words(name)}."
    return Prose(
        summary=summary,
        params={p: f"The {words(p)}." for p in f["params"]},
        returns="The result." if f["returns"] else "",
        yields="The values produced." if f["yields"] else "",
        raises={e: f"If {e.rsplit('.', 1)[-1]} is raised." for e in f["raises"]},
    )


class TemplateBackend:
    """A Backend that answers docstring requests from the facts in the prompt, without a model.

    Deterministic and instant: used only when asked for (`--generator
    template`; the output labels every docstring it wrote), and the stand-in
    for the model in tests of the insertion logic.
    """

    name = "template"
    model_id = "template (no model)"
    leaves_machine = False

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        out = []
        for r in requests:
            line = next((ln for ln in reversed(r.user.splitlines()) if ln.startswith(FACTS_PREFIX)), None)
            if line is None:
                out.append(Completion(text="{}"))
                continue
            p = template_prose(json.loads(line[len(FACTS_PREFIX):]))
            answer: dict[str, Any] = {"summary": p.summary}
            if p.params:
                answer["params"] = dict(p.params)
            if p.returns:
                answer["returns"] = p.returns
            if p.yields:
                answer["yields"] = p.yields
            if p.raises:
                answer["raises"] = dict(p.raises)
            out.append(Completion(text=json.dumps(answer)))
        return out

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        """The template generator cannot judge anything: 0.5 for every question."""
        return [0.5 for _ in questions]
