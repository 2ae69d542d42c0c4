"""The bounded findings schema, a small validator for it, and a worst-case output size.

Bounds (rule ids as an enum, line numbers inside the hunk, maxItems,
maxLength) make every constrained generation terminate: with no free
whitespace the longest valid answer has a known byte length, and a
byte-level token carries at least one byte, so a generation budget of that
many tokens always finishes (see `max_json_bytes`).
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional, Sequence

MAX_FINDINGS = 5
MAX_MESSAGE = 160
MAX_FIX = 240  # characters of a model-written replacement (one or a few lines)


def findings_schema(rule_ids: Sequence[str], first_line: int, last_line: int,
                    max_items: int = MAX_FINDINGS, max_message: int = MAX_MESSAGE,
                    max_fix: int = MAX_FIX) -> dict[str, Any]:
    """JSON schema for one hunk's answer: {"findings": [{rule, line, message[, end_line, fix]}, ...]}.

    `fix` (optional) is the replacement text for lines line..end_line (end_line
    defaults to line); both lines are bounded to the hunk like `line`. With
    `max_fix` 0 the schema has no fix properties.
    """
    item: dict[str, Any] = {
        "rule": {"type": "string", "enum": sorted(set(rule_ids))},
        "line": {"type": "integer", "minimum": first_line, "maximum": last_line},
        "message": {"type": "string", "minLength": 1, "maxLength": max_message},
    }
    if max_fix > 0:
        item["end_line"] = {"type": "integer", "minimum": first_line, "maximum": last_line}
        item["fix"] = {"type": "string", "maxLength": max_fix}
    return {
        "type": "object",
        "properties": {
            "findings": {
                "type": "array",
                "maxItems": max_items,
                "items": {
                    "type": "object",
                    "properties": item,
                    "required": ["rule", "line", "message"],
                    "additionalProperties": False,
                },
            }
        },
        "required": ["findings"],
        "additionalProperties": False,
    }


def validate(value: Any, schema: Mapping[str, Any], where: str = "$") -> Optional[str]:
    """Return None when `value` satisfies `schema`, else a one-line reason.

    Covers the keywords the engine's schemas use (type, enum, minimum,
    maximum, minLength, maxLength, maxItems, minItems, items, properties,
    required, additionalProperties); a remote server's structured output is
    checked with it too, since not every server enforces the schema.
    """
    kind = schema.get("type")
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    if kind is not None and not checks.get(kind, lambda v: True)(value):
        return f"{where}: expected {kind}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{where}: {value!r} is not one of {list(schema['enum'])}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return f"{where}: {value} < minimum {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            return f"{where}: {value} > maximum {schema['maximum']}"
    if isinstance(value, str):
        if len(value) > schema.get("maxLength", len(value)):
            return f"{where}: longer than {schema['maxLength']} characters"
        if len(value) < schema.get("minLength", 0):
            return f"{where}: shorter than {schema['minLength']} characters"
    if isinstance(value, list):
        if len(value) > schema.get("maxItems", len(value)) or len(value) < schema.get("minItems", 0):
            return f"{where}: {len(value)} items is outside the allowed count"
        for i, item in enumerate(value):
            why = validate(item, schema.get("items", {}), f"{where}[{i}]")
            if why:
                return why
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in value:
                return f"{where}: missing {key!r}"
        for key, item in value.items():
            if key in props:
                why = validate(item, props[key], f"{where}.{key}")
                if why:
                    return why
            elif schema.get("additionalProperties", True) is False:
                return f"{where}: unexpected key {key!r}"
    return None


def parse(text: str, schema: Mapping[str, Any]) -> tuple[Any, Optional[str]]:
    """Parse `text` as JSON and validate it: (value, None) or (None, reason)."""
    try:
        # strict=False: a grammar may let raw control characters into strings;
        # they are data, and re-serialising (see canonical) escapes them.
        value = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at character {exc.pos})"
    why = validate(value, schema)
    return (None, why) if why else (value, None)


def canonical(value: Any) -> str:
    """Compact, valid JSON text for a parsed answer."""
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def max_json_bytes(schema: Mapping[str, Any]) -> Optional[int]:
    """Upper bound on the UTF-8 bytes of any compact JSON value satisfying `schema`.

    None when the schema is unbounded (a string without maxLength, an array
    without maxItems, an integer without both bounds, free-form objects).
    """
    kind = schema.get("type")
    if "enum" in schema:
        return max(len(json.dumps(v).encode()) for v in schema["enum"])
    if kind == "string":
        if "maxLength" not in schema:
            return None
        return 2 + 6 * int(schema["maxLength"])  # worst case: every character a \uXXXX escape
    if kind == "integer":
        if "minimum" not in schema or "maximum" not in schema:
            return None
        return max(len(str(int(schema["minimum"]))), len(str(int(schema["maximum"]))))
    if kind == "boolean":
        return 5
    if kind == "null":
        return 4
    if kind == "array":
        item = max_json_bytes(schema.get("items", {}))
        if item is None or "maxItems" not in schema:
            return None
        n = int(schema["maxItems"])
        return 2 + n * item + max(0, n - 1) * 2
    if kind == "object":
        if schema.get("additionalProperties", True) is not False:
            return None
        total = 2
        for key, sub in schema.get("properties", {}).items():
            size = max_json_bytes(sub)
            if size is None:
                return None
            total += len(json.dumps(key).encode()) + 2 + size + 2  # key, ": ", value, ", "
        return total
    return None
