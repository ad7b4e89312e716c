"""Fake OpenAI Chat Completions, Responses (and Files + Batches) for the real `openai` SDK.

Point the SDK at it with `base_url=fake.base_url` (ends in `/v1`). POST /v1/responses shares the
main endpoint's script, 429s and failure mix; its default answer is a response object.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from .http_fake import FakeServer, RecordedRequest, Reply, error_reply, jsonl

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


class FakeOpenAI(FakeServer):
    main_path = "/v1/chat/completions"
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
        self.route("POST", self.responses_path, self._main_reply)
        self.route("POST", r"/v1/files", self._create_file)
        self.route("GET", r"/v1/files/([^/]+)", self._file_object)
        self.route("GET", r"/v1/files/([^/]+)/content", self._file_content)
        self.route("POST", r"/v1/batches", self._create_batch)
        self.route("GET", r"/v1/batches/([^/]+)", self._retrieve_batch)
        self.route("POST", r"/v1/batches/([^/]+)/cancel", self._cancel_batch)

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
        self.push(error_reply(status, message, headers))

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
        return Reply(json=f["object"]) if f else error_reply(404, f"file {file_id} not found")

    def _file_content(self, req: RecordedRequest, file_id: str) -> Reply:
        f = self.files.get(file_id)
        if f is None:
            return error_reply(404, f"file {file_id} not found")
        return Reply(body=f["data"], content_type="application/octet-stream")

    # -- batches -------------------------------------------------------------------
    def _batch_object(self, batch_id: str) -> dict[str, Any]:
        b = self.batches[batch_id]
        done = b["status"] in ("completed", "cancelled", "expired")
        return {
            "id": batch_id, "object": "batch", "endpoint": b["endpoint"], "errors": None,
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
            return error_reply(400, "input_file_id not found")
        if self.batch_create_errors:
            return self.batch_create_errors.popleft()
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
            return error_reply(404, f"batch {batch_id} not found")
        b["polls"] += 1
        if b["status"] == "in_progress" and b["polls"] >= self.batch_polls_until_completed:
            b["status"] = b["ends"]
        return Reply(json=self._batch_object(batch_id))

    def _cancel_batch(self, req: RecordedRequest, batch_id: str) -> Reply:
        b = self.batches.get(batch_id)
        if b is None:
            return error_reply(404, f"batch {batch_id} not found")
        if b["status"] != "completed":
            b["status"] = "cancelled"
        return Reply(json=self._batch_object(batch_id))
