"""Docstring text: sanitising model prose, section shapes, honest labels for who wrote it."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Sequence

from reviewer import pipeline
from reviewer.config import Config
from reviewer.docgen import text
from reviewer.docgen.generate import TemplateBackend, schema
from reviewer.engine.base import Completion, Request, YesNo
from reviewer.git import DiffMode
from reviewer.source import definitions
from reviewer.tasks import TaskContext
from reviewer.tasks import docstrings as task

from .conftest import GitRepo


def _defn(code: str):  # type: ignore[no-untyped-def]
    return definitions(code)[0]


def test_clean_drops_fences_signatures_and_triple_quotes() -> None:
    d = _defn("def add(a, b): return a + b\n")
    raw = 'def add(a, b):\n```python\nreturn a + b\n```\nAdds """two""" numbers\'\'\'.\x00'
    assert text.clean(raw, d) == "return a + b Adds \"two\" numbers'."
    assert text.summary_line("add(a, b):\nadds two numbers; then more. Second sentence.", d) == \
        "Adds two numbers; then more."
    assert text.summary_line("returns the sum", d) == "Returns the sum."
    assert text.summary_line("What is it?", d) == "What is it."


def test_render_one_line_and_raw_and_wrapping() -> None:
    d = _defn("def f():\n    pass\n")
    assert text.render(d, text.Prose("do it"), "google", "    ", 88) == '"""Do it."""'
    assert text.render(d, text.Prose("match \\d"), "google", "    ", 88) == 'r"""Match \\d."""'
    long = text.render(d, text.Prose("word " * 30), "google", "    ", 40)
    assert all(len(line) <= 40 for line in ("    " + long).splitlines())
    assert ast.literal_eval(long).startswith("Word word")
    # A model's unbreakable 200-character "word" (random weights write these) still fits the width.
    g = _defn("def g(value):\n    return value\n")
    huge = text.render(g, text.Prose("has" * 70, params={"value": ":" + "Z" * 200}, returns="x"), "google",
                       "        ", 60)
    assert all(len(line) <= 60 for line in ("        " + huge).splitlines())
    assert "value: ZZZ" in huge and ":Z" not in huge


def test_shape_comes_from_the_code_not_the_prose() -> None:
    d = _defn("def g(self, n: int) -> typing.Iterator[str]:\n    yield str(n)\n    raise KeyError(n)\n")
    sh = text.shape(d)
    assert [p.name for p in sh.params] == ["self", "n"]  # a function: `self` is just a name here
    assert sh.yields == "str" and sh.returns is None and sh.raises == ("KeyError",)
    prose = text.Prose("gen", params={"n": "count", "bogus": "ignored"}, returns="never shown",
                       raises={"KeyError": "missing", "OSError": "invented"})
    out = text.render(d, prose, "sphinx", "    ", 88)
    assert ":param n: Count." in out and ":type n: int" in out and ":ytype: str" in out
    assert "bogus" not in out and "never shown" not in out and "OSError" not in out
    assert set(schema(sh)["properties"]) == {"summary", "params", "yields", "raises"}
    assert schema(sh)["properties"]["params"]["required"] == ["self", "n"]


class Scripted:
    """A Backend answering with fixed texts (a model's possible answers, good and bad)."""

    name = "scripted"
    model_id = "scripted-model"
    leaves_machine = False

    def __init__(self, answers: Sequence[str]) -> None:
        self.answers = list(answers)
        self.requests: list[Request] = []

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        self.requests += requests
        return [Completion(a) for a in self.answers[:len(requests)]]

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        return [0.5] * len(questions)


def test_backend_answers_are_labelled_honestly_and_bad_ones_are_not_written(repo: GitRepo) -> None:
    repo.write("m.py", "x = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "f")
    repo.write("m.py", "x = 1\n\n\ndef one(a):\n    return a\n\n\ndef two():\n    return 2\n\n\n"
                       "def three(b):\n    return b\n")
    repo.commit("change")
    changes, collected = pipeline.collect(repo.path, DiffMode(base="main"), Config())
    backend = Scripted([json.dumps({"summary": "Echo the argument back to the caller",
                                    "params": {"a": "anything the caller wants to see again"},
                                    "returns": "the argument, unchanged"}),
                        "not json at all",
                        json.dumps({"summary": "Three.", "params": {"b": "The b."}, "returns": "The result."})])
    ctx = TaskContext(config=Config(), changes=changes, snapshot=collected.snapshot, root=collected.root,
                      shared={"backend": backend})
    out = task.run(ctx)
    section = out.section
    assert section.generator == "model: scripted-model"
    assert len(backend.requests) == 3 and {r.purpose for r in backend.requests} == {"docstrings"}
    # Only the grounded answer is written; nothing is made up for the others (no template fallback).
    assert [(e.name, e.written_by) for e in section.edits] == [("one", "model")]
    assert section.edits[0].docstring.startswith('"""Echo the argument back to the caller.\n')
    assert "a: Anything the caller wants to see again." in section.edits[0].docstring
    rejected = {r.name: r.reason for r in section.rejected}
    assert rejected["two"] == "the model's answer is not the JSON object asked for"
    assert "only repeats the name" in rejected["three"] or "is not a sentence" in rejected["three"]
    assert section.as_dict()["rejected"][0]["name"] == "two"
    assert out.notes == []  # a model was used: no template note
    assert Path(repo.path / "m.py").read_text().count('"""') == 0  # not asked to write


def test_template_backend_is_deterministic_and_says_what_it_is() -> None:
    b = TemplateBackend()
    assert b.name == "template" and "no model" in b.model_id and not b.leaves_machine
    d = _defn("def parseHTTPHeader(raw_line):\n    return raw_line\n")
    from reviewer.docgen.generate import Target, request

    r = request(Target("x.py", d, text.shape(d), "def parseHTTPHeader(raw_line): ..."))
    first, second = b.complete([r]), b.complete([r])
    assert first == second
    answer = json.loads(first[0].text)
    assert answer["summary"] == "parse http header." and answer["params"] == {"raw_line": "The raw line."}
