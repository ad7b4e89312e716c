"""A rate limiter shared by every worker of a run.

Requests are spaced to the requests-per-minute limit (from settings, or learned from the
provider's rate-limit headers) and paid for from a tokens-per-minute bucket. A 429 puts
the whole run on hold for the server's `retry-after` (bounded by `max_backoff`) and slows
the pace down, so the workers back off together instead of each hammering alone.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime

SAFETY = 0.95  # run at this share of a learned limit
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")


def parse_reset(value: str | None, now: float | None = None) -> float | None:
    """Seconds until a rate-limit reset: OpenAI durations ("1m30s", "120ms") or Anthropic
    RFC 3339 times. None when it cannot be read."""
    if not value:
        return None
    value = value.strip()
    parts = _DURATION.findall(value)
    if parts and "".join(n + u for n, u in parts) == value:
        unit = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
        return sum(float(n) * unit[u] for n, u in parts)
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return max(0.0, float(value))
        except ValueError:
            return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _int(headers: Mapping[str, str], *names: str) -> int | None:
    for name in names:
        v = headers.get(name)
        if v is not None:
            try:
                return int(float(v))
            except ValueError:
                continue
    return None


class RateLimiter:
    """Shared pacing: `acquire` before each request, then report what happened."""

    def __init__(self, rpm: int = 0, tpm: int = 0, *, max_backoff: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rpm_setting = max(0, int(rpm or 0))
        self.tpm_setting = max(0, int(tpm or 0))
        self.learned_rpm = 0
        self.learned_tpm = 0
        self.max_backoff = max_backoff
        self.clock = clock
        self._lock = threading.Lock()
        self._next_slot = 0.0
        self._hold_until = 0.0
        self._factor = 1.0
        self._adaptive_rps = 0.0
        self._strikes = 0
        self._bucket: float | None = None
        self._bucket_t = clock()
        self._starts: deque[float] = deque(maxlen=512)
        self._probing = True  # nothing known yet: one request first, to learn the limits
        self._probe_out = False
        self.rate_limited = 0  # 429s seen
        self.holds = 0  # times the run was put on hold

    # -- the pace ---------------------------------------------------------------------------
    @property
    def rpm(self) -> int:
        known = [v for v in (self.rpm_setting, self.learned_rpm) if v]
        return min(known) if known else 0

    @property
    def tpm(self) -> int:
        known = [v for v in (self.tpm_setting, self.learned_tpm) if v]
        return min(known) if known else 0

    def requests_per_second(self) -> float:
        """The current pace; 0 means unlimited."""
        if self.rpm:
            scale = SAFETY if not self.rpm_setting or self.rpm < self.rpm_setting else 1.0
            return self.rpm / 60.0 * scale * self._factor
        return self._adaptive_rps

    def _refill(self, now: float) -> None:
        tpm = self.tpm
        if not tpm:
            self._bucket = None
            return
        if self._bucket is None:
            self._bucket = float(tpm)
        else:
            self._bucket = min(float(tpm), self._bucket + (now - self._bucket_t) * tpm / 60.0)
        self._bucket_t = now

    def acquire(self, tokens: int = 0, cancel: threading.Event | None = None) -> bool:
        """Wait for this request's turn; False when `cancel` was set while waiting."""
        cancel = cancel or threading.Event()
        while True:
            with self._lock:
                now = self.clock()
                probe_wait = self._probing and self._probe_out and not self.rpm
                if probe_wait:
                    wait, reserved = 0.05, False
                elif self._hold_until > now:
                    wait, reserved = self._hold_until - now, False
                else:
                    start = now
                    rps = self.requests_per_second()
                    if rps:
                        start = max(now, self._next_slot)
                    self._refill(now)
                    if self._bucket is not None and tokens:
                        deficit = tokens - self._bucket
                        if deficit > 0:
                            start = max(start, now + deficit / (self.tpm / 60.0))
                        self._bucket -= tokens
                    if rps:
                        self._next_slot = start + 1.0 / rps
                    if self._probing and not self.rpm:
                        self._probe_out = True
                    wait, reserved = start - now, True
            if not reserved:
                if cancel.wait(min(wait, 0.5)):
                    return False
                continue
            if wait > 0 and cancel.wait(wait):
                return False
            with self._lock:
                if self._hold_until > self.clock():
                    continue  # a 429 arrived while we waited: queue again after the hold
                self._starts.append(self.clock())
            return True

    # -- what happened -----------------------------------------------------------------------
    def finished(self) -> None:
        """A request came back (whatever the outcome): the first one ends the probing."""
        with self._lock:
            self._probing = False
            self._probe_out = False

    def settle(self, estimated: int, actual: int) -> None:
        """Correct the token bucket once the real usage of a request is known."""
        with self._lock:
            if self._bucket is not None:
                self._bucket += estimated - actual

    def success(self) -> None:
        with self._lock:
            self._strikes = 0
            self._factor = min(1.0, self._factor + 0.02)

    def rate_limited_for(self, retry_after: float | None) -> float:
        """A 429: hold everyone, slow the pace down. Returns the hold in seconds."""
        with self._lock:
            self.rate_limited += 1
            self._strikes += 1
            now = self.clock()
            hold = retry_after if retry_after is not None else min(
                self.max_backoff, 0.5 * 2 ** (self._strikes - 1))
            hold = max(0.0, min(hold, self.max_backoff))
            if now >= self._hold_until:  # 429s of one burst slow the pace down once
                self._factor = max(0.3, self._factor * 0.85)
                self.holds += 1
            self._hold_until = max(self._hold_until, now + hold)
            if not self.rpm:
                recent = [t for t in self._starts if now - t <= 10.0]
                if len(recent) >= 2:
                    span = max(now - recent[0], 1e-3)
                    observed = len(recent) / span
                    base = self._adaptive_rps or observed
                    self._adaptive_rps = max(0.1, min(base, observed) * 0.85)
            self._next_slot = max(self._next_slot, self._hold_until)
            return hold

    def overloaded_for(self, retry_after: float | None, attempt: int) -> float:
        """A 529/5xx: a short shared pause (the server is struggling for everyone)."""
        with self._lock:
            hold = retry_after if retry_after is not None else 0.5 * 2 ** max(0, attempt - 1)
            hold = max(0.0, min(hold, self.max_backoff))
            self._hold_until = max(self._hold_until, self.clock() + hold)
            return hold

    def learn(self, headers: Mapping[str, str] | None) -> None:
        """Limits and exhaustion from Anthropic's or OpenAI's rate-limit headers."""
        if not headers:
            return
        h = {k.lower(): v for k, v in headers.items()}
        rpm = _int(h, "anthropic-ratelimit-requests-limit", "x-ratelimit-limit-requests")
        tpm = _int(h, "anthropic-ratelimit-input-tokens-limit",
                   "anthropic-ratelimit-tokens-limit", "x-ratelimit-limit-tokens")
        with self._lock:
            if rpm and rpm > 0:
                self.learned_rpm = rpm
            if tpm and tpm > 0:
                self.learned_tpm = tpm
            remaining = _int(h, "anthropic-ratelimit-requests-remaining",
                             "x-ratelimit-remaining-requests")
            if remaining == 0:
                reset = parse_reset(h.get("anthropic-ratelimit-requests-reset")
                                    or h.get("x-ratelimit-reset-requests"))
                if reset:
                    self._hold_until = max(self._hold_until,
                                           self.clock() + min(reset, self.max_backoff))

    @property
    def on_hold(self) -> bool:
        return self._hold_until > self.clock()
