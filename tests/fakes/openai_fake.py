"""Fake OpenAI Chat Completions, Responses (and Files + Batches) for the real `openai` SDK.

Point the SDK at it with `base_url=fake.base_url` (ends in `/v1`). POST /v1/responses shares the
main endpoint's script, 429s and failure mix; its default answer is a response object.

It refuses what the real API refuses, with OpenAI's error body ({"error": {"message", "type",
"param", "code"}}): no `Authorization: Bearer` key (401), a wrong key when `require_key` is set
(401 invalid_api_key), unknown fields or a body outside the API's schema (400, naming the
field), and a json_schema format with `strict: true` that breaks strict mode (400
invalid_json_schema: `api_rules.strict_schema_problems`), and an image data URL that is not
a PNG, JPEG, GIF or WebP image (400 invalid_image_format); a reasoning model (o-series, gpt-5,
gpt-6) refuses `max_tokens` and a temperature other than 1 (unless reasoning effort is "none").
A Batch whose input file has a line
that is not a valid request for its endpoint ends `failed` with the line's error, as the
real Batch API's validation does. `GET /v1/models` lists `models`.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import deque
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from .api_rules import request_problems, strict_schema_problems
from .http_fake import FakeServer, RecordedRequest, Reply, jsonl

NO_KEY = ("You didn't provide an API key. You need to provide your API key in an Authorization "
          "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")


def openai_error(status: int, message: str, headers: dict[str, str] | None = None, *,
                 kind: str | None = None, param: str | None = None,
                 code: str | None = None) -> Reply:
    """An OpenAI error body: {"error": {"message", "type", "param", "code"}}."""
    kind = kind or {401: "invalid_request_error", 404: "invalid_request_error",
                    429: "requests", 400: "invalid_request_error"}.get(
        status, "server_error" if status >= 500 else "invalid_request_error")
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return Reply(status=status, json=body, headers=dict(headers or {}))


def openai_model(model_id: str, created: int = 1_900_000_000, owned_by: str = "system"
                 ) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": created, "owned_by": owned_by}


DEFAULT_MODELS = [openai_model(m) for m in ("gpt-6.2-sol", "gpt-6-luna", "gpt-5.4-mini",
                                            "gpt-4.1")]
_BODY_KINDS = {"/v1/chat/completions": "openai.chat_body", "/v1/responses": "openai.responses_body",
               "/v1/batches": "openai.batch_body"}


UNSUPPORTED_IMAGE = ("You uploaded an unsupported image. Please make sure your image has of one "
                     "the following formats: ['png', 'jpeg', 'gif', 'webp'].")


def _data_urls(body: dict[str, Any]) -> list[str]:
    """The image data URLs of a Chat Completions or Responses body."""
    messages = body.get("messages") or body.get("input") or []
    parts = [p for m in messages if isinstance(m, dict) and isinstance(m.get("content"), list)
             for p in m["content"] if isinstance(p, dict)]
    urls = [(p.get("image_url") or {}).get("url") if p.get("type") == "image_url"
            else p.get("image_url") if p.get("type") == "input_image" else None for p in parts]
    return [u for u in urls if isinstance(u, str) and u.startswith("data:")]


def _bad_image(body: dict[str, Any]) -> Reply | None:
    """400 invalid_image_format for a data URL that is not a decodable image of its type."""
    import base64
    import binascii
    import io

    from PIL import Image, UnidentifiedImageError

    for url in _data_urls(body):
        head, _, data = url.partition(",")
        try:
            image = Image.open(io.BytesIO(base64.b64decode(data, validate=True)))
        except (binascii.Error, ValueError, UnidentifiedImageError):
            return openai_error(400, UNSUPPORTED_IMAGE, code="invalid_image_format")
        if Image.MIME.get(image.format or "") not in ("image/png", "image/jpeg", "image/gif",
                                                      "image/webp"):
            return openai_error(400, UNSUPPORTED_IMAGE, code="invalid_image_format")
    return None


# reasoning models: no max_tokens (max_completion_tokens), and temperature only at its default
# of 1 (gpt-5.1 and later also take it with reasoning effort "none")
REASONING_MODELS = re.compile(r"^(o\d|gpt-5|gpt-6)")


def _reasoning_refusal(kind: str, body: dict[str, Any]) -> Reply | None:
    if not REASONING_MODELS.match(str(body.get("model", ""))):
        return None
    if kind == "openai.chat_body" and body.get("max_tokens") is not None:
        return openai_error(400, "Unsupported parameter: 'max_tokens' is not supported with "
                            "this model. Use 'max_completion_tokens' instead.",
                            param="max_tokens", code="unsupported_parameter")
    effort = (body.get("reasoning_effort") if kind == "openai.chat_body"
              else (body.get("reasoning") or {}).get("effort"))
    temperature = body.get("temperature")
    if temperature not in (None, 1, 1.0) and effort != "none":
        return openai_error(400, f"Unsupported value: 'temperature' does not support "
                            f"{temperature} with this model. Only the default (1) value is "
                            "supported.", param="temperature", code="unsupported_value")
    return None


def _first_refusal(kind: str, body: Any) -> Reply | None:
    """The 400 the API would send for this body (None: it would take it)."""
    problems = request_problems(kind, body)
    if problems:
        where, _, what = problems[0].partition(": ")
        if what == "Extra inputs are not permitted":
            if kind == "openai.responses_body":
                return openai_error(400, f"Unknown parameter: '{where}'.", param=where,
                                    code="unknown_parameter")
            return openai_error(400, f"Unrecognized request argument supplied: {where}")
        return openai_error(400, f"Invalid value for '{where}': {what}", param=where,
                            code="invalid_value")
    if kind != "openai.batch_body":
        refusal = _reasoning_refusal(kind, body)
        if refusal is not None:
            return refusal
    fmt, param = None, ""
    if kind == "openai.chat_body" and isinstance(body.get("response_format"), dict):
        fmt, param = body["response_format"].get("json_schema"), "response_format"
    elif kind == "openai.responses_body":
        fmt, param = (body.get("text") or {}).get("format"), "text.format.schema"
    if isinstance(fmt, dict) and fmt.get("strict") is True:
        bad = strict_schema_problems(fmt.get("schema"))
        if bad:
            return openai_error(400, f"Invalid schema for response_format '{fmt.get('name')}': "
                                f"{bad[0]}", param=param, code="invalid_json_schema")
    return _bad_image(body) if kind != "openai.batch_body" else None

DEFAULT_RATE_HEADERS = {
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "499",
    "x-ratelimit-reset-requests": "120ms",
    "x-ratelimit-limit-tokens": "30000",
    "x-ratelimit-remaining-tokens": "28500",
    "x-ratelimit-reset-tokens": "3s",
    "x-request-id": "req_fake",
}

_ids = itertools.count(1)


def openai_chat_completion(content: str | None, *, model: str = "gpt-4.1-mini",
                           refusal: str | None = None, finish_reason: str = "stop",
                           prompt_tokens: int = 900, completion_tokens: int = 120
                           ) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-fake{next(_ids)}", "object": "chat.completion", "created": 1_900_000_000,
        "model": model,
        "choices": [{"index": 0, "finish_reason": finish_reason, "logprobs": None,
                     "message": {"role": "assistant", "content": content, "refusal": refusal}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def openai_response(text: str | None, *, model: str = "gpt-4.1-mini",
                    refusal: str | None = None, status: str = "completed",
                    incomplete_reason: str | None = None, input_tokens: int = 900,
                    output_tokens: int = 120, cached_tokens: int = 0,
                    reasoning: bool = False) -> dict[str, Any]:
    """A Responses API response object: `output` items, the message holding an `output_text`
    and/or a `refusal` part; `status` "incomplete" with `incomplete_details.reason`."""
    content: list[dict[str, Any]] = []
    if text is not None:
        content.append({"type": "output_text", "text": text, "annotations": [],
                        "logprobs": []})
    if refusal is not None:
        content.append({"type": "refusal", "refusal": refusal})
    output: list[dict[str, Any]] = []
    if reasoning:
        output.append({"type": "reasoning", "id": f"rs_fake{next(_ids)}", "summary": []})
    output.append({"type": "message", "id": f"msg_fake{next(_ids)}", "role": "assistant",
                   "status": "incomplete" if status == "incomplete" else "completed",
                   "content": content})
    return {
        "id": f"resp_fake{next(_ids)}", "object": "response", "created_at": 1_900_000_000,
        "model": model, "status": status, "error": None,
        "incomplete_details": {"reason": incomplete_reason} if status == "incomplete" else None,
        "instructions": None, "output": output, "parallel_tool_calls": True,
        "tool_choice": "auto", "tools": [], "temperature": None, "top_p": None,
        "usage": {"input_tokens": input_tokens,
                  "input_tokens_details": {"cached_tokens": cached_tokens,
                                           "cache_write_tokens": 0},
                  "output_tokens": output_tokens,
                  "output_tokens_details": {"reasoning_tokens": 0},
                  "total_tokens": input_tokens + output_tokens},
    }


def batch_input_errors(data: bytes, endpoint: str) -> list[dict[str, Any]]:
    """The Batch API's validation of an input file: one error per bad line (numbered from 1)
    in the batch's `errors.data`, as the batch ends `failed`."""
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    models: set[str] = set()

    def bad(line: int, code: str, message: str, param: str | None = None) -> None:
        errors.append({"code": code, "message": message, "param": param, "line": line})

    for n, text in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if not text.strip():
            continue
        try:
            item = json.loads(text)
        except ValueError:
            bad(n, "invalid_json_line", "This line is not parseable as valid JSON.")
            continue
        problems = request_problems("openai.batch_line", item)
        if problems:
            bad(n, "invalid_request", problems[0])
            continue
        if item["url"] != endpoint:
            bad(n, "mismatched_endpoint", f"The url {item['url']!r} does not match the "
                f"batch's endpoint {endpoint!r}.", "url")
            continue
        if item["custom_id"] in seen:
            bad(n, "duplicate_custom_id", "The custom_id for this request is a duplicate of "
                "another request. The custom_id parameter must be unique for each request "
                "in a batch.", "custom_id")
        seen.add(item["custom_id"])
        refusal = _first_refusal(_BODY_KINDS.get(endpoint, "openai.chat_body"), item["body"])
        if refusal is not None:
            err = refusal.json["error"]
            bad(n, err["code"] or "invalid_request", err["message"], err["param"])
        models.add(str(item["body"].get("model")))
        if len(models) > 1:
            bad(n, "mismatched_model", "The provided model does not match the model of the "
                "other requests in this batch; a batch takes one model.", "body.model")
    return errors


class FakeOpenAI(FakeServer):
    main_path = "/v1/chat/completions"
    main_kind = "openai.chat_completion"
    responses_path = "/v1/responses"

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.success_headers: dict[str, str] = dict(DEFAULT_RATE_HEADERS)
        self.default_answer: dict[str, Any] = {"objects": [], "tags": []}
        self.responder = self._default_responder
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_polls_until_completed = 0
        # `expires(custom_id, body)`: True when that request of a new batch expires; the batch
        # ends "expired" and lists it in its error file with code batch_expired (or, with
        # `expired_in_error_file` False, leaves it out of both files)
        self.expires: Callable[[str, dict], bool] | None = None
        self.expired_in_error_file = True
        # replies for the next POST /v1/batches (then it works again)
        self.batch_create_errors: deque[Reply] = deque()
        self.models: list[dict[str, Any]] = [dict(m) for m in DEFAULT_MODELS]
        self.route("POST", self.responses_path, self._main_reply, "openai.response")
        self.route("POST", r"/v1/files", self._create_file, "openai.file")
        self.route("GET", r"/v1/files/([^/]+)", self._file_object, "openai.file")
        self.route("GET", r"/v1/files/([^/]+)/content", self._file_content)
        self.route("POST", r"/v1/batches", self._create_batch, "openai.batch")
        self.route("GET", r"/v1/batches/([^/]+)", self._retrieve_batch, "openai.batch")
        self.route("POST", r"/v1/batches/([^/]+)/cancel", self._cancel_batch, "openai.batch")
        self.route("GET", r"/v1/models", self._list_models, "openai.model_list")
        self.route("GET", r"/v1/models/([^/]+)", self._model, "openai.model")

    @property
    def base_url(self) -> str:
        return self.origin + "/v1"

    # -- replies -------------------------------------------------------------------
    def ok(self, completion: dict[str, Any], **headers: str) -> Reply:
        return Reply(json=completion, headers={**self.success_headers, **headers})

    def push_content(self, content: str | dict[str, Any] | None, **kw: Any) -> None:
        text = json.dumps(content) if isinstance(content, dict) else content
        self.push(self.ok(openai_chat_completion(text, **kw)))

    def push_output(self, content: str | dict[str, Any] | None, **kw: Any) -> None:
        """Queue a Responses API answer (a response object) with this text."""
        text = json.dumps(content) if isinstance(content, dict) else content
        self.push(self.ok(openai_response(text, **kw)))

    def responses_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == self.responses_path]

    def push_error(self, status: int, message: str = "error from the fake",
                   headers: dict[str, str] | None = None) -> None:
        self.push(openai_error(status, message, headers))

    # -- what the real API refuses ------------------------------------------------------
    def check_request(self, req: RecordedRequest) -> Reply | None:
        auth = req.headers.get("authorization", "")
        if not auth.lower().startswith("bearer ") or not auth[7:].strip():
            return openai_error(401, NO_KEY)
        if self.require_key is not None and auth[7:] != self.require_key:
            return openai_error(401, f"Incorrect API key provided: {auth[7:][:3]}***.",
                                code="invalid_api_key")
        kind = _BODY_KINDS.get(req.path)
        if req.method != "POST" or kind is None:
            return None
        if not isinstance(req.json, dict):
            return openai_error(400, "We could not parse the JSON body of your request.")
        return _first_refusal(kind, req.json)

    def not_found(self, req: RecordedRequest) -> Reply:
        return openai_error(404, f"Invalid URL ({req.method} {req.path})")

    def _list_models(self, req: RecordedRequest) -> Reply:
        return Reply(json={"object": "list", "data": self.models})

    def _model(self, req: RecordedRequest, model_id: str) -> Reply:
        found = next((m for m in self.models if m["id"] == model_id), None)
        return Reply(json=found) if found else openai_error(
            404, f"The model '{model_id}' does not exist", code="model_not_found")

    def _default_responder(self, req: RecordedRequest) -> Reply:
        model = (req.json or {}).get("model", "gpt")
        make = openai_response if req.path == self.responses_path else openai_chat_completion
        return self.ok(make(json.dumps(self.default_answer), model=model))

    # -- files ---------------------------------------------------------------------
    def _create_file(self, req: RecordedRequest) -> Reply:
        head = f"content-type: {req.headers.get('content-type', '')}\r\n\r\n".encode()
        msg = BytesParser(policy=HTTP).parsebytes(head + req.body)
        data, filename, purpose = b"", "upload", ""
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name == "file":
                data = part.get_payload(decode=True) or b""
                filename = part.get_filename() or filename
            elif name == "purpose":
                purpose = (part.get_payload(decode=True) or b"").decode()
        return Reply(json=self._store_file(data, filename, purpose))

    def _store_file(self, data: bytes, filename: str, purpose: str) -> dict[str, Any]:
        file_id = f"file-fake{next(_ids)}"
        obj = {"id": file_id, "object": "file", "bytes": len(data), "created_at": 1_900_000_000,
               "filename": filename, "purpose": purpose, "status": "processed"}
        self.files[file_id] = {"object": obj, "data": data}
        return obj

    def _file_object(self, req: RecordedRequest, file_id: str) -> Reply:
        f = self.files.get(file_id)
        return Reply(json=f["object"]) if f else openai_error(404, f"file {file_id} not found")

    def _file_content(self, req: RecordedRequest, file_id: str) -> Reply:
        f = self.files.get(file_id)
        if f is None:
            return openai_error(404, f"file {file_id} not found")
        return Reply(body=f["data"], content_type="application/octet-stream")

    # -- batches -------------------------------------------------------------------
    def _batch_object(self, batch_id: str) -> dict[str, Any]:
        b = self.batches[batch_id]
        done = b["status"] in ("completed", "cancelled", "expired")
        errors = {"object": "list", "data": b["errors"]} if b.get("errors") else None
        return {
            "id": batch_id, "object": "batch", "endpoint": b["endpoint"], "errors": errors,
            "input_file_id": b["input_file_id"], "completion_window": "24h",
            "status": b["status"], "output_file_id": b["output_file_id"] if done else None,
            "error_file_id": b.get("error_file_id") if done else None,
            "created_at": 1_900_000_000,
            "request_counts": {"total": b["total"], "completed": b["ok"] if done else 0,
                               "failed": b["total"] - b["ok"] if done else 0},
        }

    def _create_batch(self, req: RecordedRequest) -> Reply:
        body = req.json or {}
        f = self.files.get(body.get("input_file_id", ""))
        if f is None:
            return openai_error(400, "input_file_id not found")
        if self.batch_create_errors:
            return self.batch_create_errors.popleft()
        invalid = batch_input_errors(f["data"], body["endpoint"])
        if invalid:
            batch_id = f"batch_fake{next(_ids)}"
            self.batches[batch_id] = {
                "status": "failed", "polls": 0, "endpoint": body["endpoint"],
                "input_file_id": body["input_file_id"], "output_file_id": None, "total": 0,
                "ok": 0, "ends": "failed", "errors": invalid}
            return Reply(json=self._batch_object(batch_id))
        out, ok, expired = [], 0, []
        for line in f["data"].decode().splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if self.expires is not None and self.expires(item["custom_id"], item["body"]):
                expired.append({"id": f"batch_req_{next(_ids)}", "custom_id": item["custom_id"],
                                "response": None, "error": {
                                    "code": "batch_expired", "message": "This request could "
                                    "not be executed before the completion window expired."}})
                continue
            sub = RecordedRequest(method="POST", path=self.main_path, query="",
                                  headers=req.headers, body=json.dumps(item["body"]).encode(),
                                  started=time.monotonic())
            reply = self._main_reply(sub)
            ok += reply.status == 200
            out.append({"id": f"batch_req_{next(_ids)}", "custom_id": item["custom_id"],
                        "response": {"status_code": reply.status, "request_id": "req_fake",
                                     "body": json.loads(reply.payload())},
                        "error": None})
        output = self._store_file(jsonl(out).encode(), "output.jsonl", "batch_output")
        batch_id = f"batch_fake{next(_ids)}"
        self.batches[batch_id] = {
            "status": "in_progress", "polls": 0, "endpoint": body.get("endpoint"),
            "input_file_id": body["input_file_id"], "output_file_id": output["id"],
            "total": len(out) + len(expired), "ok": ok,
            "ends": "expired" if expired else "completed"}
        if expired and self.expired_in_error_file:
            errors = self._store_file(jsonl(expired).encode(), "errors.jsonl", "batch_output")
            self.batches[batch_id]["error_file_id"] = errors["id"]
        if self.batch_polls_until_completed <= 0:
            self.batches[batch_id]["status"] = self.batches[batch_id]["ends"]
        return Reply(json=self._batch_object(batch_id))

    def _retrieve_batch(self, req: RecordedRequest, batch_id: str) -> Reply:
        b = self.batches.get(batch_id)
        if b is None:
            return openai_error(404, f"batch {batch_id} not found")
        b["polls"] += 1
        if b["status"] == "in_progress" and b["polls"] >= self.batch_polls_until_completed:
            b["status"] = b["ends"]
        return Reply(json=self._batch_object(batch_id))

    def _cancel_batch(self, req: RecordedRequest, batch_id: str) -> Reply:
        b = self.batches.get(batch_id)
        if b is None:
            return openai_error(404, f"batch {batch_id} not found")
        if b["status"] != "completed":
            b["status"] = "cancelled"
        return Reply(json=self._batch_object(batch_id))
