"""Prose for docstrings: one batched Backend call, a small JSON schema per definition.

The model sees the definition's code and its facts and answers only with
prose (summary and descriptions) in a JSON object whose keys we fixed from
the signature. `TemplateBackend` implements the same Backend protocol without
a model: it derives plain text from names. The product uses it when no model
is available, and says so; tests use it because it is deterministic.
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
MAX_CODE_LINES = 80
FACTS_PREFIX = "Facts (JSON): "

SYSTEM = (
    "You write Python docstring prose. You are given a definition's code and the names of its "
    "parameters, return value, yielded value and raised exceptions. Answer with one JSON object only. "
    "`summary` is one imperative sentence saying what the code does, ending in a period. Each other "
    "field describes that item in one short sentence. Do not repeat the signature, do not write code, "
    "do not write types (they are added from the annotations)."
)


@dataclass(frozen=True)
class Target:
    """A definition to document, with the code the model reads and the sections it has."""

    path: str
    definition: Definition
    shape: Shape
    code: str


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


def request(target: Target, max_new_tokens: int = 384) -> Request:
    code = "\n".join(target.code.splitlines()[:MAX_CODE_LINES])
    user = (f"File: {target.path}\n```python\n{code}\n```\n"
            f"{FACTS_PREFIX}{json.dumps(facts(target), sort_keys=True)}\n")
    return Request(system=SYSTEM, user=user, schema=schema(target.shape), max_new_tokens=max_new_tokens,
                   paths=(target.path,), purpose=PURPOSE)


def parse_answer(text: str, target: Target) -> Optional[Prose]:
    """The prose in a completion, or None when it is not the JSON object asked for."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("summary"), str) or not data["summary"].strip():
        return None

    def names(key: str, wanted: Sequence[str]) -> dict[str, str]:
        raw = data.get(key)
        if not isinstance(raw, dict):
            return {}
        return {n: str(raw[n]) for n in wanted if isinstance(raw.get(n), str)}

    sh = target.shape
    return Prose(
        summary=data["summary"],
        params=names("params", [p.name for p in sh.params]),
        returns=str(data.get("returns") or ""),
        yields=str(data.get("yields") or ""),
        raises=names("raises", list(sh.raises)),
    )


def generate(backend: Backend, targets: Sequence[Target], max_new_tokens: int = 384) -> list[tuple[Prose, str]]:
    """(prose, who wrote it) for each target, from one batched call.

    An answer that is not the JSON asked for falls back to the template text,
    labelled "template" so the output never credits the model with it.
    """
    if not targets:
        return []
    completions = backend.complete([request(t, max_new_tokens) for t in targets])
    out: list[tuple[Prose, str]] = []
    for target, completion in zip(targets, completions):
        prose = parse_answer(completion.text, target)
        if prose is None:
            out.append((template_prose(facts(target)), "template"))
        else:
            out.append((prose, "model" if backend.name != TemplateBackend.name else "template"))
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

    Deterministic and instant: the fallback when no model backend is
    available (the output labels every docstring it wrote), and the stand-in
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
