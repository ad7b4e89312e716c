"""Fake Anthropic Messages API (and Message Batches, Models) for the real `anthropic` SDK.

Point the SDK at it with `base_url=fake.base_url` (no `/v1`: the SDK adds it).

It refuses what the real API refuses, with its status and error body: no `anthropic-version`
header (400), no key (401 "x-api-key header is required"; `Authorization: Bearer` counts as
the key only with an `anthropic-version` of 2026-10-21 or later, the pairing the anthropic 2.x
SDK sends, so a Bearer header beside 2023-06-01 is refused as the docs of that version say),
a body that is not JSON or not a Messages body (400 invalid_request_error naming the field:
`api_rules.request_problems`). In a Message Batch a request whose `params` are not a valid
Messages body ends `errored` with that invalid_request_error (the API checks params while it
processes the batch). `GET /v1/models` lists `models` (ModelInfo objects with their lifecycle).
"""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from .api_rules import request_problems
from .http_fake import FakeServer, RecordedRequest, Reply, error_reply, jsonl
from .prompt_cache import PromptCache

# anthropic-version values the API knows; Bearer authentication came with the newest
API_VERSIONS = ("2023-01-01", "2023-06-01", "2026-10-21")
BEARER_SINCE = "2026-10-21"

DEFAULT_RATE_HEADERS = {
    "anthropic-ratelimit-requests-limit": "50",
    "anthropic-ratelimit-requests-remaining": "49",
    "anthropic-ratelimit-requests-reset": "2030-01-01T00:00:00Z",
    "anthropic-ratelimit-input-tokens-limit": "30000",
    "anthropic-ratelimit-input-tokens-remaining": "29000",
    "anthropic-ratelimit-output-tokens-limit": "8000",
    "anthropic-ratelimit-output-tokens-remaining": "7900",
    "request-id": "req_fake",
}

_ids = itertools.count(1)


def _usage(input_tokens: int, output_tokens: int) -> dict[str, Any]:
    return {"input_tokens": input_tokens, "output_tokens": output_tokens,
            "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}


def anthropic_message(content: list[dict[str, Any]], *, stop_reason: str = "end_turn",
                      model: str = "claude-sonnet-4-5", input_tokens: int = 1200,
                      output_tokens: int = 150) -> dict[str, Any]:
    return {"id": f"msg_fake_{next(_ids)}", "type": "message", "role": "assistant",
            "model": model, "content": content, "stop_reason": stop_reason,
            "stop_sequence": None, "usage": _usage(input_tokens, output_tokens)}


def anthropic_tool_message(tool_input: dict[str, Any], *, name: str = "report_suggestions",
                           **kw: Any) -> dict[str, Any]:
    block = {"type": "tool_use", "id": f"toolu_fake_{next(_ids)}", "name": name,
             "input": tool_input}
    return anthropic_message([block], stop_reason="tool_use", **kw)


def anthropic_text_message(text: str, **kw: Any) -> dict[str, Any]:
    return anthropic_message([{"type": "text", "text": text}], **kw)


MAX_IMAGE_BYTES = 5 * 1024 * 1024  # per base64 image, decoded (Vision docs: 5 MB an image)
MAX_IMAGE_SIDE = 8000  # pixels


def image_problems(body: dict[str, Any]) -> list[str]:
    """The Messages API's checks of base64 images: a decodable image of the media type it
    claims, at most 5 MB decoded and 8000 px a side."""
    import base64
    import binascii
    import io

    from PIL import Image, UnidentifiedImageError

    out = []
    for i, message in enumerate(body["messages"]):
        content = message["content"]
        for j, block in enumerate(content if isinstance(content, list) else []):
            source = block.get("source") or {}
            if block["type"] != "image" or source.get("type") != "base64":
                continue
            where = f"messages.{i}.content.{j}.image.source.base64"
            media, text = source["media_type"], source["data"]
            try:  # the head tells the format and size; the length tells the decoded bytes
                if len(text) % 4:
                    raise ValueError("base64 of a length that is not a multiple of 4")
                image = Image.open(io.BytesIO(base64.b64decode(text[:65536], validate=True)))
            except (binascii.Error, ValueError, UnidentifiedImageError):
                out.append(f"{where}.data: The image was specified using the {media} media "
                           "type, but the data is not a valid base64-encoded image.")
                continue
            size, actual = image.size, Image.MIME.get(image.format or "", "")
            if actual != media:
                out.append(f"{where}.data: The image was specified using the {media} media "
                           f"type, but the image appears to be a {actual} image")
            decoded = len(text) * 3 // 4 - text[-2:].count("=")
            if decoded > MAX_IMAGE_BYTES:
                out.append(f"{where}: image exceeds 5 MB maximum: {decoded} bytes > "
                           f"{MAX_IMAGE_BYTES} bytes")
            if max(size) > MAX_IMAGE_SIDE:
                out.append(f"{where}.data: At least one of the image dimensions exceed max "
                           f"allowed size: {MAX_IMAGE_SIDE} pixels")
    return out


def anthropic_model(model_id: str, display_name: str, created_at: str, *,
                    lifecycle: str = "active", deprecated_at: str | None = None,
                    retires_at: str | None = None, line: str | None = None) -> dict[str, Any]:
    """A ModelInfo object as `GET /v1/models` lists it (dates as RFC 3339 strings)."""
    return {"id": model_id, "type": "model", "display_name": display_name,
            "created_at": created_at, "lifecycle": lifecycle, "deprecated_at": deprecated_at,
            "retires_at": retires_at, "line": line, "max_input_tokens": 1_000_000,
            "max_tokens": 128_000}


DEFAULT_MODELS = [
    anthropic_model("claude-sonnet-5-5", "Claude Sonnet 5.5", "2026-09-28T00:00:00Z",
                    line="sonnet"),
    anthropic_model("claude-sonnet-5", "Claude Sonnet 5", "2026-06-30T00:00:00Z",
                    line="sonnet"),
    anthropic_model("claude-haiku-4-5", "Claude Haiku 4.5", "2025-10-01T00:00:00Z",
                    line="haiku"),
]


class FakeAnthropic(FakeServer):
    main_path = "/v1/messages"
    main_kind = "anthropic.message"

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.success_headers: dict[str, str] = dict(DEFAULT_RATE_HEADERS)
        self.default_input: dict[str, Any] = {"objects": [], "tags": []}
        self.responder = self._default_responder
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_polls_until_ended = 0
        # `expires(custom_id, params)`: True when that request of a new batch expires
        self.expires: Callable[[str, dict], bool] | None = None
        # replies for the next batch creations (then they work again)
        self.batch_create_errors: deque[Reply] = deque()
        self.models: list[dict[str, Any]] = [dict(m) for m in DEFAULT_MODELS]
        # prompt caching (`prompt_cache.PromptCache`): None leaves usage as each reply says
        self.prompt_cache: PromptCache | None = None
        batch = "anthropic.message_batch"
        self.route("POST", r"/v1/messages/batches", self._create_batch, batch)
        self.route("GET", r"/v1/messages/batches/([^/]+)", self._retrieve_batch, batch)
        self.route("GET", r"/v1/messages/batches/([^/]+)/results", self._batch_results,
                   "jsonl:anthropic.batch_result_line")
        self.route("POST", r"/v1/messages/batches/([^/]+)/cancel", self._cancel_batch, batch)
        self.route("GET", r"/v1/models", self._list_models, "anthropic.model_list")
        self.route("GET", r"/v1/models/([^/]+)", self._model, "anthropic.model_info")

    @property
    def base_url(self) -> str:
        return self.origin

    # -- replies -------------------------------------------------------------------
    def ok(self, message: dict[str, Any], **headers: str) -> Reply:
        return Reply(json=message, headers={**self.success_headers, **headers})

    def push_tool(self, tool_input: dict[str, Any], **kw: Any) -> None:
        self.push(self.ok(anthropic_tool_message(tool_input, **kw)))

    def push_text(self, text: str, **kw: Any) -> None:
        self.push(self.ok(anthropic_text_message(text, **kw)))

    def push_error(self, status: int, message: str = "error from the fake",
                   headers: dict[str, str] | None = None) -> None:
        self.push(error_reply(status, message, headers))

    def _main_reply(self, req: RecordedRequest) -> Reply:
        """With `prompt_cache` set, a message's usage says what the cache rules bill."""
        too_many = self.prompt_cache and self.prompt_cache.too_many_breakpoints(req.json or {})
        if too_many:
            return error_reply(400, too_many)
        reply = super()._main_reply(req)
        if self.prompt_cache is None or reply.status != 200 or not isinstance(reply.json, dict):
            return reply
        billed = self.prompt_cache.bill(req.json or {}, ready_in=self._delay_for(req))
        usage = {**reply.json.get("usage", {}), **vars(billed)}
        return Reply(json={**reply.json, "usage": usage}, headers=reply.headers)

    # -- what the real API refuses ------------------------------------------------------
    def check_request(self, req: RecordedRequest) -> Reply | None:
        version = req.headers.get("anthropic-version")
        if not version:
            return error_reply(400, "anthropic-version: header is required")
        if version not in API_VERSIONS:
            return error_reply(400, f"anthropic-version: {version!r} is not a valid version")
        key = req.headers.get("x-api-key")
        bearer = req.headers.get("authorization", "")
        if key is None and bearer.lower().startswith("bearer ") and version >= BEARER_SINCE:
            key = bearer[7:]
        if not key:
            return error_reply(401, "x-api-key header is required")
        if self.require_key is not None and key != self.require_key:
            return error_reply(401, "invalid x-api-key")
        kind = {"/v1/messages": "anthropic.messages_body",
                "/v1/messages/batches": "anthropic.batch_body"}.get(req.path)
        if req.method != "POST" or kind is None:
            return None
        return self.body_refusal(req, kind)

    @staticmethod
    def body_refusal(req: RecordedRequest, kind: str) -> Reply | None:
        if req.json is None:
            return error_reply(400, "There was an error parsing the body of your request. "
                                    "Please ensure it is valid JSON.")
        problems = request_problems(kind, req.json)
        if kind == "anthropic.messages_body" and not problems:
            problems = image_problems(req.json)
        if kind == "anthropic.batch_body" and not problems:
            ids = [r["custom_id"] for r in req.json["requests"]]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            problems = [f"requests: custom_id {d!r} is used more than once" for d in dupes]
        return error_reply(400, problems[0]) if problems else None

    def _list_models(self, req: RecordedRequest) -> Reply:
        from urllib.parse import parse_qs

        q = parse_qs(req.query)
        wanted = set(q.get("lifecycle[]", []) or q.get("lifecycle", [])) or {"active",
                                                                           "deprecated"}
        rows = [m for m in self.models if m["lifecycle"] in wanted]
        if "after_id" in q:
            ids = [m["id"] for m in rows]
            after = q["after_id"][0]
            rows = rows[ids.index(after) + 1:] if after in ids else []
        limit = int(q.get("limit", ["20"])[0])
        page = rows[:limit]
        return Reply(json={"data": page, "has_more": len(rows) > limit,
                           "first_id": page[0]["id"] if page else None,
                           "last_id": page[-1]["id"] if page else None})

    def _model(self, req: RecordedRequest, model_id: str) -> Reply:
        found = next((m for m in self.models if m["id"] == model_id), None)
        return Reply(json=found) if found else error_reply(404, f"model: {model_id}")

    def _default_responder(self, req: RecordedRequest) -> Reply:
        body = req.json or {}
        name = (body.get("tool_choice") or {}).get("name", "report_suggestions")
        return self.ok(anthropic_tool_message(self.default_input, name=name,
                                              model=body.get("model", "claude")))

    # -- batches -------------------------------------------------------------------
    def _batch_object(self, batch_id: str) -> dict[str, Any]:
        b = self.batches[batch_id]
        ended = b["status"] == "ended"
        counts = {"processing": 0 if ended else len(b["results"]), "succeeded": 0,
                  "errored": 0, "canceled": 0, "expired": 0}
        if ended:
            for r in b["results"]:
                counts[r["result"]["type"]] += 1
        return {
            "id": batch_id, "type": "message_batch", "processing_status": b["status"],
            "request_counts": counts, "created_at": "2030-01-01T00:00:00Z",
            "expires_at": "2030-01-02T00:00:00Z", "ended_at": "2030-01-01T00:10:00Z"
            if ended else None, "cancel_initiated_at": None, "archived_at": None,
            "results_url": f"{self.origin}/v1/messages/batches/{batch_id}/results"
            if ended else None,
        }

    def _create_batch(self, req: RecordedRequest) -> Reply:
        if self.batch_create_errors:
            return self.batch_create_errors.popleft()
        batch_id = f"msgbatch_fake_{next(_ids)}"
        results = []
        for item in (req.json or {}).get("requests", []):
            if self.expires is not None and self.expires(item["custom_id"], item["params"]):
                results.append({"custom_id": item["custom_id"], "result": {"type": "expired"}})
                continue
            sub = RecordedRequest(method="POST", path=self.main_path, query="",
                                  headers=req.headers, body=json.dumps(item["params"]).encode(),
                                  started=time.monotonic())
            reply = (self.body_refusal(sub, "anthropic.messages_body")
                     or self._main_reply(sub))
            if reply.status == 200:
                result = {"type": "succeeded", "message": json.loads(reply.payload())}
            else:
                result = {"type": "errored", "error": json.loads(reply.payload())}
            results.append({"custom_id": item["custom_id"], "result": result})
        self.batches[batch_id] = {"status": "in_progress", "polls": 0, "results": results}
        if self.batch_polls_until_ended <= 0:
            self.batches[batch_id]["status"] = "ended"
        return Reply(json=self._batch_object(batch_id))

    def _retrieve_batch(self, req: RecordedRequest, batch_id: str) -> Reply:
        b = self.batches.get(batch_id)
        if b is None:
            return error_reply(404, f"batch {batch_id} not found")
        b["polls"] += 1
        if b["status"] == "in_progress" and b["polls"] >= self.batch_polls_until_ended:
            b["status"] = "ended"
        return Reply(json=self._batch_object(batch_id))

    def _batch_results(self, req: RecordedRequest, batch_id: str) -> Reply:
        b = self.batches.get(batch_id)
        if b is None or b["status"] != "ended":
            return error_reply(404, "results not ready")
        return Reply(body=jsonl(b["results"]), content_type="application/binary")

    def _cancel_batch(self, req: RecordedRequest, batch_id: str) -> Reply:
        b = self.batches.get(batch_id)
        if b is None:
            return error_reply(404, f"batch {batch_id} not found")
        if b["status"] != "ended":
            b["status"] = "ended"
            for r in b["results"]:
                r["result"] = {"type": "canceled"}
        return Reply(json=self._batch_object(batch_id))
