"""What the real APIs accept and send, as the fakes check it.

- `request_problems(kind, body)`: why the real API would refuse this request body, one sentence
  each in the API's own style ("messages.0.content.1.type: Input should be ..."), checked with
  `jsonschema` against the request schemas in `schemas/` (written from the API references).
- `strict_schema_problems(schema)`: why OpenAI's strict mode would refuse a JSON schema (every
  object needs `additionalProperties: false` and lists all its properties in `required`; some
  keywords are not supported; the root is an object).
- `response_problems(kind, obj)`: where a response body differs from the documented response
  schema, so the fakes' answers are checked apart from the product's own `response_schema()`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

_DIR = Path(__file__).with_name("schemas")
_FILES = {"anthropic": ("anthropic_request.json", "anthropic_response.json"),
          "openai": ("openai_request.json", "openai_response.json")}


@cache
def _validator(provider: str, side: int, kind: str) -> Draft202012Validator:
    root = json.loads((_DIR / _FILES[provider][side]).read_text(encoding="utf-8"))
    schema = {**root, "$ref": f"#/$defs/{kind}"}
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _split(kind: str) -> tuple[str, str]:
    provider, _, name = kind.partition(".")
    return provider, name


def _path(error: ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _sentences(error: ValidationError) -> list[str]:
    path = _path(error)
    inst = error.instance
    if error.validator == "required" and isinstance(inst, dict):
        return [f"{_join(path, f)}: Field required" for f in error.validator_value
                if f not in inst]
    if error.validator == "additionalProperties" and isinstance(inst, dict):
        known = set(error.schema.get("properties", {}))
        return [f"{_join(path, f)}: Extra inputs are not permitted" for f in inst
                if f not in known]
    if error.validator in ("enum", "const"):
        allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
        return [f"{path}: Input should be {' or '.join(repr(a) for a in allowed)}, "
                f"not {inst!r}"]
    if error.validator == "anyOf" and error.context:
        # the branch that got furthest into the body is the one the body meant
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        if len(deepest.absolute_path) > len(error.absolute_path):
            branch = deepest.schema_path[0]
            return [s for e in error.context if e.schema_path[0] == branch
                    for s in _sentences(e)]
    return [f"{path or '(body)'}: {error.message}"]


def _problems(validator: Draft202012Validator, obj: Any) -> list[str]:
    out: list[str] = []
    for error in sorted(validator.iter_errors(obj), key=lambda e: list(map(str, e.path))):
        out.extend(s for s in _sentences(error) if s not in out)
    return out


def request_problems(kind: str, body: Any) -> list[str]:
    """`kind`: anthropic.messages_body, anthropic.batch_body, openai.chat_body,
    openai.responses_body, openai.batch_line, openai.batch_body."""
    provider, name = _split(kind)
    return _problems(_validator(provider, 0, name), body)


def response_problems(kind: str, obj: Any) -> list[str]:
    """`kind`: anthropic.message, anthropic.message_batch, anthropic.batch_result_line,
    anthropic.model_list, anthropic.error_object, openai.chat_completion, openai.response,
    openai.file, openai.batch, openai.batch_output_line, openai.model_list,
    openai.error_object."""
    provider, name = _split(kind)
    return _problems(_validator(provider, 1, name), obj)


# -- OpenAI strict mode (platform.openai.com/docs/guides/structured-outputs, "Supported schemas")
_UNSUPPORTED = {
    "allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas",
    "patternProperties", "unevaluatedProperties", "propertyNames", "minProperties",
    "maxProperties", "unevaluatedItems", "contains", "minContains", "maxContains",
    "uniqueItems", "minLength", "maxLength",
}
MAX_DEPTH = 10  # nesting levels the docs allow
MAX_PROPERTIES = 5000


def _strict_walk(node: Any, context: tuple[str, ...], out: list[str], depth: int,
                 counter: list[int]) -> None:
    if not isinstance(node, dict):
        return
    where = f"In context=({', '.join(repr(c) for c in context)})"
    for key in sorted(_UNSUPPORTED & set(node)):
        out.append(f"{where}, '{key}' is not permitted.")
    types = node.get("type")
    is_object = types == "object" or (isinstance(types, list) and "object" in types)
    if is_object or "properties" in node:
        props = node.get("properties") or {}
        counter[0] += len(props)
        if node.get("additionalProperties") is not False:
            out.append(f"{where}, 'additionalProperties' is required to be supplied and to "
                       "be false.")
        missing = [p for p in props if p not in (node.get("required") or [])]
        if missing:
            out.append(f"{where}, 'required' is required to be supplied and to be an array "
                       f"including every key in properties. Missing {missing[0]!r}.")
        if depth > MAX_DEPTH:
            out.append(f"{where}, the schema is nested more than {MAX_DEPTH} levels deep.")
        for name, sub in props.items():
            _strict_walk(sub, (*context, "properties", name), out, depth + 1, counter)
    if "items" in node:
        _strict_walk(node["items"], (*context, "items"), out, depth, counter)
    for key in ("anyOf",):
        for i, sub in enumerate(node.get(key) or []):
            _strict_walk(sub, (*context, key, str(i)), out, depth, counter)
    for key in ("$defs", "definitions"):
        for name, sub in (node.get(key) or {}).items():
            _strict_walk(sub, (*context, key, name), out, depth, counter)


def strict_schema_problems(schema: Any) -> list[str]:
    """Why OpenAI would refuse `schema` with `strict: true` (empty: it would take it)."""
    if not isinstance(schema, dict) or schema.get("type") != "object" or "anyOf" in schema:
        got = schema.get("type") if isinstance(schema, dict) else None
        return [f"schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{got}\"'."]
    out: list[str] = []
    counter = [0]
    _strict_walk(schema, (), out, 1, counter)
    if counter[0] > MAX_PROPERTIES:
        out.append(f"The schema has {counter[0]} properties; at most {MAX_PROPERTIES} are "
                   "allowed.")
    return out
