"""A small scripted HTTP server on 127.0.0.1 (port 0) for provider tests.

It is shared by the Anthropic and OpenAI fakes and meant to be reused by the batch
runner's tests:

- `push(reply, ...)` scripts the next replies of the main endpoint, in order; when the
  script is empty the `responder` callable answers (it sees the recorded request).
- `latency` (seconds, or a callable of the request) delays every reply; `stop()` cuts
  any pending delay short so tests never hang.
- `in_flight` / `max_in_flight` count concurrent requests being handled.
- `rate_limit(n, retry_after=...)` answers the next n main-endpoint calls with 429.
- `failure_mix({500: 0.2, 529: 0.1}, seed=1)` fails a seeded random share of calls.
- `require_key` checks the key (Bearer or x-api-key) and answers 401 when wrong.
- `requests` records every request: method, path, headers (lower-case), body, JSON.
- Requests are checked as the real API checks them (`check_request`, defined by each fake:
  headers, authentication, body schema) and refused with the API's own status and error
  shape; `refused` lists (request, reply) for every refusal.
- Every 200 answer of an endpoint with a documented response type is checked against the
  response schemas in `schemas/` (`api_rules.response_problems`); `response_problems` lists
  where a reply differs (scripted broken replies included: tests that push one on purpose
  expect it there).
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Reply:
    """One scripted HTTP reply. `body` (raw) wins over `json`."""

    status: int = 200
    json: Any = None
    body: bytes | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "application/json"

    def payload(self) -> bytes:
        if self.body is not None:
            return self.body.encode() if isinstance(self.body, str) else self.body
        return json.dumps(self.json if self.json is not None else {}).encode()


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    started: float
    finished: float = 0.0
    answered: float = 0.0  # when the reply began to go out: the client cannot have read it before
    status: int = 0

    @cached_property
    def json(self) -> Any:  # parsed once: the checks, the route and the test all read it
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    @property
    def auth_key(self) -> str | None:
        auth = self.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:]
        return self.headers.get("x-api-key")


Responder = Callable[[RecordedRequest], Reply]
Route = tuple[str, re.Pattern[str], Callable[..., Reply], str | None]


ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    504: "timeout_error",
    529: "overloaded_error",
}


def error_reply(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """An Anthropic error body ({"type": "error", "error": {"type", "message"}, "request_id"});
    the OpenAI fake answers with its own shape (`openai_fake.openai_error`)."""
    kind = ANTHROPIC_ERROR_TYPES.get(status, "api_error")
    body = {"type": "error", "error": {"type": kind, "message": message},
            "request_id": "req_fake"}
    return Reply(status=status, json=body, headers=dict(headers or {}))


class FakeServer:
    """Base fake: subclasses add routes and a default responder for `main_path`."""

    main_path = "/"
    main_kind: str | None = None  # the documented response type of the main endpoint

    def __init__(self, *, latency: float | Callable[[RecordedRequest], float] = 0.0,
                 require_key: str | None = None) -> None:
        self.latency = latency
        self.require_key = require_key
        self.requests: list[RecordedRequest] = []
        self.script: deque[Reply | Responder] = deque()
        self.responder: Responder = lambda req: Reply(json={})
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._rate_limited = 0
        self._rate_limit_reply: Reply | None = None
        self._mix: list[tuple[float, int]] = []
        self._rng = random.Random(0)
        self._routes: list[Route] = []
        self.refused: list[tuple[RecordedRequest, Reply]] = []
        self.response_problems: list[str] = []
        self.bad_replies_expected = False  # a test that scripts broken answers on purpose
        self.refusals_expected = False  # a test that sends what the API refuses on purpose
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------
    def start(self) -> FakeServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                         kwargs={"poll_interval": 0.05})
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # -- scripting -----------------------------------------------------------------
    def push(self, *replies: Reply | Responder) -> None:
        """Queue replies (or callables of the request) for the next main-endpoint calls."""
        with self._lock:
            self.script.extend(replies)

    def rate_limit(self, count: int, *, retry_after: float | None = 1.0,
                   retry_after_ms: float | None = None, headers: dict[str, str] | None = None
                   ) -> None:
        """Answer the next `count` main-endpoint calls with 429 (and retry-after headers)."""
        hdrs = dict(headers or {})
        if retry_after is not None:
            hdrs["retry-after"] = f"{retry_after:g}"
        if retry_after_ms is not None:
            hdrs["retry-after-ms"] = f"{retry_after_ms:g}"
        with self._lock:
            self._rate_limited = count
            self._rate_limit_reply = error_reply(429, "Rate limited by the fake.", hdrs)

    def failure_mix(self, statuses: dict[int, float], *, seed: int = 0) -> None:
        """Fail a seeded random share of main-endpoint calls: {status: probability}."""
        with self._lock:
            self._mix = list((p, s) for s, p in statuses.items())
            self._rng = random.Random(seed)

    def route(self, method: str, pattern: str, fn: Callable[..., Reply],
              kind: str | None = None) -> None:
        """Add an endpoint: `fn(request, *regex_groups) -> Reply`; `kind` names its documented
        response type (see `api_rules.response_problems`; "jsonl:" for line-by-line)."""
        self._routes.append((method, re.compile(pattern + r"\Z"), fn, kind))

    def main_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == self.main_path]

    # -- answering -----------------------------------------------------------------
    def _main_reply(self, req: RecordedRequest) -> Reply:
        with self._lock:
            if self._rate_limited > 0 and self._rate_limit_reply is not None:
                self._rate_limited -= 1
                return self._rate_limit_reply
            roll = self._rng.random() if self._mix else 1.0
            scripted = self.script.popleft() if self.script else None
        acc = 0.0
        for p, status in self._mix:
            acc += p
            if roll < acc:
                if scripted is not None:  # keep the scripted reply for the next call
                    with self._lock:
                        self.script.appendleft(scripted)
                return error_reply(status, f"Failure {status} from the fake's mix.")
        if scripted is None:
            return self.responder(req)
        return scripted(req) if callable(scripted) else scripted

    def check_request(self, req: RecordedRequest) -> Reply | None:
        """A refusal when the real API would refuse this request (subclasses say how)."""
        if self.require_key is not None and req.auth_key != self.require_key:
            return error_reply(401, "invalid x-api-key")
        return None

    def not_found(self, req: RecordedRequest) -> Reply:
        return error_reply(404, f"No route for {req.method} {req.path} in the fake.")

    def _dispatch(self, req: RecordedRequest) -> tuple[Reply, str | None]:
        if req.method == "POST" and req.path == self.main_path:
            return self._main_reply(req), self.main_kind
        for method, pattern, fn, kind in self._routes:
            m = pattern.match(req.path)
            if m and method == req.method:
                return fn(req, *m.groups()), kind
        return self.not_found(req), None

    def answer(self, req: RecordedRequest) -> Reply:
        refusal = self.check_request(req)
        if refusal is not None:
            with self._lock:
                self.refused.append((req, refusal))
            return refusal
        reply, kind = self._dispatch(req)
        if reply.status == 200 and kind is not None:
            self._check_reply(req, reply, kind)
        return reply

    def _check_reply(self, req: RecordedRequest, reply: Reply, kind: str) -> None:
        from .api_rules import response_problems

        lines, _, kind = kind.rpartition(":")
        try:
            text = reply.payload().decode()
            objs = ([json.loads(x) for x in text.splitlines() if x.strip()] if lines
                    else [json.loads(text)])
        except ValueError:
            objs, problems = [], [f"{req.method} {req.path}: the answer is not JSON"]
        else:
            problems = [f"{req.method} {req.path}: {p}" for obj in objs
                        for p in response_problems(kind, obj)]
        if problems:
            with self._lock:
                self.response_problems.extend(problems)

    def _delay_for(self, req: RecordedRequest) -> float:
        lat = self.latency
        return float(lat(req)) if callable(lat) else float(lat)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # TCP_NODELAY: a reply's headers and body are two writes; with Nagle's algorithm the
            # body waits for the client's delayed ACK, about 40 ms a request on Linux
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:  # silence
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                req = RecordedRequest(
                    method=self.command, path=parts.path, query=parts.query,
                    headers={k.lower(): v for k, v in self.headers.items()}, body=body,
                    started=time.monotonic())
                with server._lock:
                    server.requests.append(req)
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    reply = server.answer(req)
                    wait = server._delay_for(req) + reply.delay
                    if wait > 0 and server._stopping.wait(wait):
                        return
                    payload = reply.payload()
                    req.status = reply.status  # before the client can read the answer
                    req.answered = time.monotonic()
                    self.send_response(reply.status)
                    self.send_header("content-type", reply.content_type)
                    self.send_header("content-length", str(len(payload)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    req.finished = time.monotonic()
                    with server._lock:
                        server.in_flight -= 1

            do_GET = do_POST = do_DELETE = _handle

        return Handler


def jsonl(lines: Iterable[Any]) -> str:
    return "".join(json.dumps(line) + "\n" for line in lines)
