"""Anthropic prompt caching for the fake Messages API: who pays for which input tokens.

The documented rules (Anthropic's prompt caching guide), as far as a fake can keep them:

- The prefix is rendered in the order tools, system, messages; a block with `cache_control`
  marks a breakpoint, and the prefix up to and including it can be cached (at most 4
  breakpoints a request; more are refused with a 400).
- A request reads the longest cached prefix among its breakpoints (`cache_read_input_tokens`,
  billed 0.1x), writes the prefix up to its last breakpoint when that is longer
  (`cache_creation_input_tokens`, billed 1.25x), and pays the rest as `input_tokens`.
- Nothing is cached below the model's minimum cacheable prompt length (silently: no error,
  both cache figures 0).
- An entry lives 5 minutes (`ttl` "5m", the default) or an hour ("1h") from its last use; a
  read refreshes it. It is available only once the response that wrote it has begun, so
  requests sent at the same moment each write it.

Token counts are the fake's own approximation: text ~4 characters a token, an image
ceil(w/28) x ceil(h/28) (the documented image-token formula), a tool its JSON's length / 4
plus the tool-use system prompt (313 tokens with a forced tool choice). Tests compare figures
between requests of the same fake, never with the real tokenizer.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TOOL_SYSTEM_TOKENS = 313  # tool use with tool_choice "tool" / "any" (Anthropic's pricing table)
MAX_BREAKPOINTS = 4
TTL_SECONDS = {"5m": 300.0, "1h": 3600.0}
# minimum cacheable prompt length by model family, from the prompt caching guide; models the
# guide does not list yet use DEFAULT_MINIMUM
MINIMUM_BY_PREFIX = (
    ("claude-opus-4-5", 4096), ("claude-opus-4-6", 4096), ("claude-haiku-4-5", 4096),
    ("claude-sonnet-4-6", 2048), ("claude-3-5-haiku", 2048), ("claude-3-haiku", 2048),
    ("claude-sonnet-4-5", 1024), ("claude-opus-4-1", 1024), ("claude-opus-4", 1024),
    ("claude-sonnet-4", 1024), ("claude-3-7-sonnet", 1024),
)
DEFAULT_MINIMUM = 2048


def minimum_for(model: str) -> int:
    return next((n for prefix, n in MINIMUM_BY_PREFIX if model.startswith(prefix)),
                DEFAULT_MINIMUM)


def block_tokens(block: Any) -> int:
    """The fake's token count of one tool, system block or content block."""
    if isinstance(block, str):
        return math.ceil(len(block) / 4)
    kind = block.get("type")
    if kind == "text":
        return math.ceil(len(block["text"]) / 4)
    if kind == "image" and block.get("source", {}).get("type") == "base64":
        from PIL import Image

        with Image.open(io.BytesIO(base64.b64decode(block["source"]["data"]))) as img:
            w, h = img.size
        return math.ceil(w / 28) * math.ceil(h / 28)
    clean = {k: v for k, v in block.items() if k != "cache_control"}
    return math.ceil(len(json.dumps(clean)) / 4)


def flatten(body: dict[str, Any]) -> list[tuple[dict[str, Any] | str, int]]:
    """Every block of a Messages body in prefix order (tools, system, messages) with its tokens;
    the tool-use system prompt counts with the first tool."""
    out: list[tuple[dict[str, Any] | str, int]] = []
    for i, tool in enumerate(body.get("tools") or []):
        out.append((tool, block_tokens(tool) + (TOOL_SYSTEM_TOKENS if i == 0 else 0)))
    system = body.get("system") or []
    for block in [system] if isinstance(system, str) else system:
        out.append((block, block_tokens(block)))
    for message in body.get("messages") or []:
        content = message.get("content")
        for block in [content] if isinstance(content, str) else content or []:
            out.append((block, block_tokens(block)))
    return out


def _key(model: str, blocks: list[Any]) -> str:
    clean = [b if isinstance(b, str) else {k: v for k, v in b.items() if k != "cache_control"}
             for b in blocks]
    return hashlib.sha256(json.dumps([model, clean], sort_keys=True).encode()).hexdigest()


@dataclass
class Billed:
    """One request's input tokens as the API bills them."""

    input_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int


@dataclass
class _Entry:
    ready_at: float
    expires_at: float
    ttl: float


@dataclass
class PromptCache:
    """The cache of one fake server (one organisation's cache)."""

    clock: Callable[[], float] = time.monotonic
    minimum: int | None = None  # None: by model (`minimum_for`)
    entries: dict[str, _Entry] = field(default_factory=dict)
    log: list[Billed] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def breakpoints(self, body: dict[str, Any]) -> list[int]:
        blocks = flatten(body)
        return [i for i, (b, _n) in enumerate(blocks)
                if isinstance(b, dict) and b.get("cache_control")]

    def bill(self, body: dict[str, Any], *, ready_in: float = 0.0) -> Billed:
        """What this request pays; writes and refreshes the entries it uses."""
        model = str(body.get("model", ""))
        blocks = flatten(body)
        total = sum(n for _b, n in blocks)
        marks = self.breakpoints(body)
        minimum = self.minimum if self.minimum is not None else minimum_for(model)
        now = self.clock()
        read = written = 0
        with self._lock:
            prefixes = []
            for i in marks:
                tokens = sum(n for _b, n in blocks[: i + 1])
                ttl = TTL_SECONDS.get(blocks[i][0].get("cache_control", {}).get("ttl", "5m"),
                                      300.0)  # type: ignore[union-attr]
                prefixes.append((_key(model, [b for b, _n in blocks[: i + 1]]), tokens, ttl))
            for key, tokens, _ttl in prefixes:  # the longest live entry is read
                entry = self.entries.get(key)
                if entry and entry.ready_at <= now < entry.expires_at and tokens >= minimum:
                    read = tokens
                    entry.expires_at = now + entry.ttl
            for key, tokens, ttl in prefixes:  # longer cacheable prefixes are written
                if tokens > read and tokens >= minimum:
                    entry = self.entries.get(key)
                    if not (entry and entry.ready_at <= now < entry.expires_at):
                        self.entries[key] = _Entry(now + ready_in, now + ready_in + ttl, ttl)
                    written = max(written, tokens - read)
            billed = Billed(total - read - written, written, read)
            self.log.append(billed)
        return billed

    def too_many_breakpoints(self, body: dict[str, Any]) -> str | None:
        n = len(self.breakpoints(body))
        if n > MAX_BREAKPOINTS:
            return (f"A maximum of {MAX_BREAKPOINTS} blocks with cache_control may be provided. "
                    f"Found {n}.")
        return None
