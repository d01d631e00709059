"""A local HTTP server that answers like a service's API: what the connectors' tests sync.

Nothing in the tests reaches outside this machine. Each service's tests give a
``route`` function (request in, reply out) that serves an in-memory account built
from fixtures shaped as the vendor's API reference shows; the tests edit and delete
records in that account between syncs. :meth:`FakeApi.interrupt` makes the next
answers fail (a rate limit, a revoked token, a server error) whatever the route says.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any = None

    def arg(self, name: str, default: str | None = None) -> str | None:
        """The last value of a query parameter."""
        values = self.query.get(name)
        return values[-1] if values else default

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[Request], Reply]


class FakeApi:
    """A threaded HTTP server on 127.0.0.1 (a free port) answering through ``route``."""

    def __init__(self, route: Route) -> None:
        self.route = route
        self.requests: list[Request] = []
        self._interruptions: list[Reply] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                request = Request(
                    self.command,
                    parts.path,
                    parse_qs(parts.query, keep_blank_values=True),
                    {k.lower(): v for k, v in self.headers.items()},
                    json.loads(raw) if raw else None,
                )
                reply = api._answer(request)
                payload = b"" if reply.body is None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def interrupt(self, reply: Reply, times: int = 1) -> None:
        """Answer the next ``times`` requests with ``reply`` instead of the route's."""
        with self._lock:
            self._interruptions.extend([reply] * times)

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._interruptions:
                return self._interruptions.pop(0)
        return self.route(request)

    def __enter__(self) -> FakeApi:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def page(items: list[Any], number: int, size: int) -> list[Any]:
    """Items of the 1-based page ``number`` of ``size`` items."""
    start = (max(number, 1) - 1) * size
    return items[start : start + size]
