"""reviewdog's rdjsonl: one Diagnostic (JSON) a line, for `reviewdog -f=rdjsonl`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from reviewer.report.rdjson import diagnostic

if TYPE_CHECKING:
    from reviewer.pipeline import Result


def render(result: "Result", color: bool) -> str:
    return "".join(json.dumps(diagnostic(f), ensure_ascii=False) + "\n" for f in result.findings)
