"""Additions to the fake provider servers for the batch runner's tests and benchmark.

- `FastAnthropic`, `FastOpenAI`: the fakes themselves, under the names the batch tests and
  benchmark know them by (every fake now sets TCP_NODELAY, so a reply is not held back by
  Nagle + delayed ACK, ~40 ms a request on Linux).
- `RateLimitedAnthropic`: a fake that enforces a requests-per-second limit with a token
  bucket, answers 429 with `retry-after` above it, and advertises the limit in its
  rate-limit headers like the real API; it counts the 429s it sent.
- `image_sizes(requests)`: which image each recorded request was about, read from the
  prompt's "exactly W x H pixels" (tests give every image its own size); `size_in(body)`
  the same for one request body of a batch, and `about_sizes(sizes)` a fake's `expires`
  predicate that lets the requests about those images expire.
"""

from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from typing import Any

from .anthropic_fake import FakeAnthropic
from .http_fake import RecordedRequest, Reply, error_reply
from .openai_fake import FakeOpenAI

_SIZE = re.compile(r"exactly (\d+) x (\d+) pixels")


FastAnthropic = FakeAnthropic
FastOpenAI = FakeOpenAI


class RateLimitedAnthropic(FastAnthropic):
    """Allows `per_second` requests a second (bucket of `burst`); 429 above it."""

    def __init__(self, per_second: float, *, burst: float = 2.0, retry_after: float = 1.0,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.per_second = per_second
        self.burst = burst
        self.retry_after = retry_after
        self._tokens = burst
        self._t = time.monotonic()
        self._bucket_lock = threading.Lock()
        self.too_many = 0
        self.accepted = 0
        self.success_headers = {
            "anthropic-ratelimit-requests-limit": str(int(per_second * 60)),
            "anthropic-ratelimit-requests-remaining": str(int(per_second * 60)),
            "anthropic-ratelimit-requests-reset": "2030-01-01T00:00:00Z",
        }

    def _main_reply(self, req: RecordedRequest) -> Reply:
        with self._bucket_lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._t) * self.per_second)
            self._t = now
            if self._tokens < 1.0:
                self.too_many += 1
                return error_reply(429, "Rate limited by the fake's bucket.",
                                   {"retry-after": f"{self.retry_after:g}"})
            self._tokens -= 1.0
            self.accepted += 1
        return super()._main_reply(req)


def image_size_of(req: RecordedRequest) -> tuple[int, int] | None:
    m = _SIZE.search(req.body.decode("utf-8", "replace"))
    return (int(m.group(1)), int(m.group(2))) if m else None


def image_sizes(requests: list[RecordedRequest]) -> list[tuple[int, int] | None]:
    return [image_size_of(r) for r in requests]


def size_in(body: dict) -> tuple[int, int] | None:
    m = _SIZE.search(json.dumps(body))
    return (int(m.group(1)), int(m.group(2))) if m else None


def about_sizes(sizes) -> Any:
    wanted = set(sizes)
    return lambda _custom_id, body: size_in(body) in wanted


# -- projects for the runner's tests ------------------------------------------------------------
CAR_ANSWER = {"objects": [
    {"label": "car", "box": [2, 3, 30, 40], "text": None, "confidence": 0.9,
     "rationale": "a car"},
    {"label": "zebra crossing", "box": [5, 5, 20, 20], "text": None, "confidence": 0.4,
     "rationale": "stripes"}], "tags": []}


@contextmanager
def car_answering(monkeypatch):
    """A fast fake Anthropic server answering CAR_ANSWER to every request, with a key set."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    with FastAnthropic() as fake:
        fake.success_headers = {}
        fake.default_input = CAR_ANSWER
        yield fake


def make_images(folder, n: int, *, width: int = 100, height: int = 80, start: int = 0):
    """n small JPEGs, image i sized (width + i) x height so requests name their image."""
    from pathlib import Path

    from PIL import Image

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"img{i:04d}.jpg"
        Image.new("RGB", (width + i, height), ((i * 37) % 256, (i * 11) % 256, 90)).save(
            p, quality=85)
        paths.append(p)
    return paths


def open_project(folder, classes=("car",)):
    """The folder's project, scanned, with these classes."""
    from glancelabel.core.app.paths import project_path
    from glancelabel.core.folder.scan import scan_folder
    from glancelabel.core.store import Store

    store = Store(project_path(folder), folder)
    scan_folder(store, folder)
    if classes:
        store.add_labels(list(classes))
    return store
