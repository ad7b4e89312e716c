"""How the Batch APIs are spoken: one small class per provider (create, retrieve, results,
cancel, and reading an answer out of a result), and one wrapper turning SDK errors into a
sentence. `batch_api` holds what GlanceLabel does with batches; this module only talks.

Anthropic Message Batches: POST /v1/messages/batches, results from the batch's absolute
`results_url`. OpenAI Batch API: a JSONL file (POST /v1/files), POST /v1/batches, output and
error file contents.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from ..errors import GlanceLabelError
from ..i18n import N_, Text
from ..providers.base import BatchProvider, Provider
from ..providers.records import ProviderError

if TYPE_CHECKING:
    from ..providers.base import Answer

log = logging.getLogger(__name__)
T = TypeVar("T")


class BatchApiError(GlanceLabelError):
    """A Batch API operation that cannot be done; the message is one sentence."""


class _Anthropic:
    def __init__(self, provider: BatchProvider) -> None:
        self.provider = provider
        self.client = provider.client().with_options(max_retries=2, timeout=120.0)

    def create(self, items: list[tuple[str, dict]]) -> str:
        batch = self.client.messages.batches.create(
            requests=[{"custom_id": cid, "params": params} for cid, params in items])
        return batch.id

    def retrieve(self, remote_id: str) -> tuple[str, bool, dict[str, int]]:
        b = self.client.messages.batches.retrieve(remote_id)
        counts = b.request_counts.model_dump() if b.request_counts else {}
        return b.processing_status, b.processing_status == "ended", counts

    def results(self, remote_id: str) -> Iterator[tuple[str, str, Any]]:
        """(custom_id, kind, payload): kind succeeded (payload: message dict) or the reason."""
        for item in self.client.messages.batches.results(remote_id):
            r = item.model_dump(mode="json")
            result = r.get("result") or {}
            kind = result.get("type", "errored")
            if kind == "succeeded":
                yield r.get("custom_id", ""), "succeeded", result.get("message") or {}
            else:
                err = (result.get("error") or {}).get("error") or result.get("error") or {}
                detail = err.get("message") if isinstance(err, dict) else None
                yield r.get("custom_id", ""), kind, detail or kind

    def cancel(self, remote_id: str) -> str:
        return self.client.messages.batches.cancel(remote_id).processing_status

    @staticmethod
    def answer(provider: BatchProvider, payload: dict) -> Answer:
        from ..providers.anthropic import answer_from_message

        return answer_from_message(payload)


class _OpenAI:
    ENDPOINT = "/v1/chat/completions"

    def __init__(self, provider: BatchProvider) -> None:
        self.provider = provider
        self.client = provider.client().with_options(max_retries=2, timeout=120.0)

    def create(self, items: list[tuple[str, dict]]) -> str:
        lines = b"".join(orjson.dumps({"custom_id": cid, "method": "POST", "url": self.ENDPOINT,
                                       "body": body}) + b"\n" for cid, body in items)
        f = self.client.files.create(file=("glancelabel-batch.jsonl", io.BytesIO(lines)),
                                     purpose="batch")
        batch = self.client.batches.create(input_file_id=f.id, endpoint=self.ENDPOINT,
                                           completion_window="24h")
        return batch.id

    def retrieve(self, remote_id: str) -> tuple[str, bool, dict[str, int]]:
        b = self.client.batches.retrieve(remote_id)
        counts = b.request_counts.model_dump() if b.request_counts else {}
        ready = b.status in ("completed", "expired", "cancelled", "failed")
        return b.status, ready, counts

    def results(self, remote_id: str) -> Iterator[tuple[str, str, Any]]:
        b = self.client.batches.retrieve(remote_id)
        for file_id in (b.output_file_id, b.error_file_id):
            if not file_id:
                continue
            for line in self.client.files.content(file_id).text.splitlines():
                if not line.strip():
                    continue
                try:
                    r = orjson.loads(line)
                except orjson.JSONDecodeError:
                    yield "", "errored", f"unreadable result line: {line[:80]}"
                    continue
                cid = r.get("custom_id", "")
                resp = r.get("response") or {}
                if r.get("error") or resp.get("status_code") != 200:
                    err = r.get("error") or (resp.get("body") or {}).get("error") or {}
                    msg = err.get("message") if isinstance(err, dict) else str(err)
                    code = (err.get("code") if isinstance(err, dict) else None) or "errored"
                    yield cid, "expired" if code == "batch_expired" else "errored", msg or code
                else:
                    yield cid, "succeeded", resp.get("body") or {}

    def cancel(self, remote_id: str) -> str:
        return self.client.batches.cancel(remote_id).status

    @staticmethod
    def answer(provider: BatchProvider, payload: dict) -> Answer:
        from ..providers.openai import answer_from_completion

        return answer_from_completion(payload, provider.title)


def transport(provider: Provider) -> _Anthropic | _OpenAI:
    """How to speak to this provider's Batch API (the provider travels with it)."""
    name = provider.name
    if isinstance(provider, BatchProvider) and name == "anthropic":
        return _Anthropic(provider)
    if isinstance(provider, BatchProvider) and name == "openai":
        return _OpenAI(provider)
    if not name:
        raise BatchApiError(N_("errors", "This provider has no Batch API; use anthropic or "
                               "openai, or run the requests directly with `suggest`."))
    raise BatchApiError(N_("errors", "{provider} has no Batch API; use anthropic or openai, or "
                           "run the requests directly with `suggest`."), provider=name)


def sdk_call(fn: Callable[..., T], *args: Any, what: Text) -> T:
    """Run an SDK call, turning its errors into one sentence (`what` the call does, marked:
    "create the batch")."""
    try:
        return fn(*args)
    except (BatchApiError, ProviderError):
        raise
    except Exception as exc:  # noqa: BLE001 - SDK errors of either provider
        log.warning("batch api: %s failed", what, exc_info=True)
        status = getattr(exc, "status_code", None)
        detail = getattr(exc, "message", None) or str(exc)
        if status:
            raise BatchApiError(N_("errors", "The provider refused to {what} ({code}): {detail}"),
                                what=what, code=status, detail=detail) from exc
        raise BatchApiError(N_("errors", "The provider refused to {what}: {detail}"), what=what,
                            detail=detail) from exc


__all__ = ["BatchApiError", "transport", "sdk_call"]
