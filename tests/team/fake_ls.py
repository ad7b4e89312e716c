"""A small HTTP server on 127.0.0.1 that answers GET requests the way Label Studio would (fixed
JSON per path), for the sentences of an old, failing or absent server and the Settings page."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ME = {"id": 3, "username": "bo", "email": "bo@example.org", "first_name": "Bo", "last_name": "Ek"}


def answering(answers: dict[str, tuple[int, dict]]) -> type[BaseHTTPRequestHandler]:
    class Answers(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            path = self.path.split("?")[0].rstrip("/")
            status, body = answers.get(path, (404, {"detail": "Not found."}))
            if path == "/api/current-user/whoami" and self.headers.get(
                    "Authorization") != "Token t0ken":
                status, body = 401, {"detail": "Invalid token."}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Answers


@contextmanager
def fake_label_studio(answers: dict[str, tuple[int, dict]]) -> Iterator[str]:
    """Serve `answers` ({path: (status, JSON)}); the token 't0ken' is the only one accepted."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), answering(answers))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def current(release: str = "1.23.2") -> dict[str, tuple[int, dict]]:
    return {"/api/version": (200, {"release": release}), "/api/current-user/whoami": (200, ME)}
