"""Fake Anthropic Messages API (and Message Batches) for the real `anthropic` SDK.

Point the SDK at it with `base_url=fake.base_url` (no `/v1`: the SDK adds it).
"""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from .http_fake import FakeServer, RecordedRequest, Reply, error_reply, jsonl

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


class FakeAnthropic(FakeServer):
    main_path = "/v1/messages"

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
        self.route("POST", r"/v1/messages/batches", self._create_batch)
        self.route("GET", r"/v1/messages/batches/([^/]+)", self._retrieve_batch)
        self.route("GET", r"/v1/messages/batches/([^/]+)/results", self._batch_results)
        self.route("POST", r"/v1/messages/batches/([^/]+)/cancel", self._cancel_batch)

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
            reply = self._main_reply(sub)
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
